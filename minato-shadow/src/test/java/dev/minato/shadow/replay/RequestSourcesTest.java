package dev.minato.shadow.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.minato.manifest.ManifestException;
import dev.minato.shadow.exchange.Header;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RequestSourcesTest {

  @TempDir Path dir;

  record Read(List<LoggedRequest> requests, List<Malformed> malformed) {}

  Read read(ReplayFormat format, String name, String content) throws Exception {
    Path file = dir.resolve(name);
    Files.writeString(file, content);
    List<LoggedRequest> requests = new ArrayList<>();
    List<Malformed> malformed = new ArrayList<>();
    format
        .source(file)
        .read(
            new RequestSource.Reader() {
              @Override
              public void request(LoggedRequest request) {
                requests.add(request);
              }

              @Override
              public void malformed(Malformed problem) {
                malformed.add(problem);
              }
            });
    return new Read(requests, malformed);
  }

  @Test
  void nginxLinesBecomeRequestsWithTimeAndUserAgent() throws Exception {
    Read read =
        read(
            ReplayFormat.NGINX,
            "access.log",
            "10.0.0.1 - - [30/Nov/2026:20:01:02 +0100] \"GET /a?b=1 HTTP/1.1\" 200 5 \"-\""
                + " \"curl/8\"\n\n"
                + "10.0.0.1 - - [30/Nov/2026:20:01:02 +0100] \"-\" 400 0 \"-\" \"-\"\n");
    LoggedRequest request = read.requests().get(0);
    assertThat(request.line()).isEqualTo(1);
    assertThat(request.time()).contains(Instant.parse("2026-11-30T19:01:02Z"));
    assertThat(request.request().method()).isEqualTo("GET");
    assertThat(request.request().target()).isEqualTo("/a?b=1");
    assertThat(request.request().headers())
        .containsExactly(new Header("User-Agent", "curl/8"), new Header("X-Minato-Shadow", "1"));
    assertThat(read.malformed()).extracting(Malformed::line).containsExactly(3L);
    assertThat(read.malformed().get(0).message()).contains("(the request was '-')");
  }

  @Test
  void ltsvReadsMethodAndUriOrTheRequestLine() throws Exception {
    Read read =
        read(
            ReplayFormat.LTSV,
            "access.ltsv",
            "time:2026-11-30T20:01:02Z\treq:GET /x HTTP/1.1\n"
                + "time:1764532862.5\tmethod:HEAD\turi:/y\n"
                + "time:yesterday\tmethod:GET\turi:/z\n");
    assertThat(read.requests())
        .extracting(r -> r.request().method() + " " + r.request().target())
        .containsExactly("GET /x", "HEAD /y");
    assertThat(read.requests().get(1).time())
        .contains(Instant.ofEpochSecond(1764532862, 500_000_000));
    assertThat(read.malformed().get(0).toString())
        .isEqualTo("line 3: 'time' is not a time: 'yesterday'");
  }

  @Test
  void albEntriesSendThePathAndQueryOfTheirAbsoluteUrl() throws Exception {
    Read read =
        read(
            ReplayFormat.ALB,
            "alb.log",
            "https 2026-11-30T20:01:02.5Z app/shop/1 1.2.3.4:5 10.0.0.1:80 0 0 0 200 200 1 2"
                + " \"GET https://shop.example.com:443/users/7?x=1 HTTP/1.1\" \"ua/1\"\n");
    assertThat(read.requests().get(0).request().target()).isEqualTo("/users/7?x=1");
    assertThat(read.requests().get(0).time()).contains(Instant.parse("2026-11-30T20:01:02.5Z"));
  }

  @Test
  void harEntriesKeepHeadersAndBodiesButNotHostOrPseudoHeaders() throws Exception {
    Read read =
        read(
            ReplayFormat.HAR,
            "s.har",
            """
            {"log": {"entries": [
              {"startedDateTime": "2026-11-30T20:01:02.000+01:00",
               "request": {"method": "post", "url": "http://old:8080/orders?x=1",
                 "headers": [{"name": "Host", "value": "old"}, {"name": ":path", "value": "/"},
                             {"name": "Accept", "value": "application/json"}],
                 "postData": {"text": "{\\"n\\":1}"}}},
              {"request": {"url": "http://old/"}}
            ]}}
            """);
    LoggedRequest request = read.requests().get(0);
    assertThat(request.request().method()).isEqualTo("POST");
    assertThat(request.request().target()).isEqualTo("/orders?x=1");
    assertThat(request.request().headers())
        .extracting(Header::name)
        .containsExactly("Accept", "X-Minato-Shadow");
    assertThat(new String(request.request().body().content().orElseThrow())).isEqualTo("{\"n\":1}");
    assertThat(request.time()).contains(Instant.parse("2026-11-30T19:01:02Z"));
    assertThat(read.malformed()).extracting(Malformed::line).containsExactly(2L);
  }

  @Test
  void aHarThatIsNotJsonIsInvalidInputAtItsPosition() {
    assertThatThrownBy(() -> read(ReplayFormat.HAR, "bad.har", "{\"log\": [1,\n  oops]}"))
        .isInstanceOf(ManifestException.class)
        .satisfies(e -> assertThat(((ManifestException) e).located()).contains("bad.har:2:"));
  }

  @Test
  void detectsTheFormatFromTheFirstLine() throws Exception {
    assertThat(detect("a.log", "\n1.2.3.4 - - [30/Nov/2026:20:01:02 +0000] \"GET / HTTP/1.1\""))
        .isEqualTo(ReplayFormat.NGINX);
    assertThat(detect("a.log", "time:x\tmethod:GET")).isEqualTo(ReplayFormat.LTSV);
    assertThat(detect("a.log", "h2 2026-11-30T20:01:02Z app/x")).isEqualTo(ReplayFormat.ALB);
    assertThat(detect("a.json", "{\"log\":{}}")).isEqualTo(ReplayFormat.HAR);
    assertThat(detect("a.har", "")).isEqualTo(ReplayFormat.HAR);
  }

  ReplayFormat detect(String name, String content) throws Exception {
    Path file = dir.resolve(name);
    Files.writeString(file, content);
    return ReplayFormat.detect(file);
  }

  @Test
  void theOriginalPaceKeepsTheLoggedGapsDividedByTheSpeed() throws Exception {
    Optional<Instant> first = Optional.of(Instant.parse("2026-11-30T20:00:00Z"));
    Optional<Instant> later = Optional.of(Instant.parse("2026-11-30T20:00:10Z"));
    assertThat(Pace.AS_LOGGED.dueNanos(5, first, later)).isEqualTo(10_000_000_000L);
    assertThat(Pace.speed("10x").dueNanos(5, first, later)).isEqualTo(1_000_000_000L);
    assertThat(Pace.rate("100/s").dueNanos(5, first, later)).isEqualTo(50_000_000L);
    assertThat(Pace.AS_LOGGED.dueNanos(5, first, Optional.empty())).isZero();
    assertThatThrownBy(() -> Pace.speed("fast")).hasMessageContaining("like 10x");
    assertThatThrownBy(() -> Pace.rate("0/s")).hasMessageContaining("positive");
  }
}
