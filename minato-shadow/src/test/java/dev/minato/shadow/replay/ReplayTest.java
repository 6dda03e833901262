package dev.minato.shadow.replay;

import static org.assertj.core.api.Assertions.assertThat;

import dev.minato.shadow.compare.ComparingSink;
import dev.minato.shadow.compare.EndpointResult;
import dev.minato.shadow.compare.FieldResult;
import dev.minato.shadow.compare.ShadowResults;
import dev.minato.shadow.route.RouteTemplates;
import dev.minato.shadow.rules.ShadowRules;
import dev.minato.shadow.upstream.IoThreads;
import dev.minato.shadow.upstream.UpstreamAddress;
import dev.minato.shadow.upstream.UpstreamClient;
import dev.minato.shadow.upstream.UpstreamSettings;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReplayTest {

  @TempDir Path dir;

  final IoThreads threads = IoThreads.start(1);
  final List<AutoCloseable> open = new ArrayList<>();

  @AfterEach
  void stop() throws Exception {
    for (AutoCloseable c : open) {
      c.close();
    }
    threads.close();
  }

  static String line(String method, String target) {
    return "127.0.0.1 - - [30/Nov/2026:20:01:02 +0000] \""
        + method
        + " "
        + target
        + " HTTP/1.1\" 200 12 \"-\" \"curl/8.1\"";
  }

  Path log(int rounds) throws Exception {
    List<String> lines = new ArrayList<>();
    for (int i = 1; i <= rounds; i++) {
      for (String target :
          List.of("/users/" + i, "/orders/" + i, "/items/" + i, "/page", "/search?q=" + i, "/")) {
        lines.add(line("GET", target));
      }
    }
    lines.add(3, "this is not an access log line");
    lines.add(5, line("POST", "/orders"));
    Path file = dir.resolve("access.log");
    Files.write(file, lines);
    return file;
  }

  UpstreamClient client(String url) {
    UpstreamClient client =
        UpstreamClient.create(
            UpstreamAddress.parse(url),
            UpstreamSettings.defaults().withResponseTimeout(Duration.ofSeconds(5)),
            threads);
    open.add(client);
    return client;
  }

  <T extends AutoCloseable> T started(T service) {
    open.add(service);
    return service;
  }

  record Run(ShadowResults results, ReplaySummary summary) {}

  Run replay(Path log, String primary, String candidate, Optional<String> secondary)
      throws Exception {
    ComparingSink sink = new ComparingSink(ShadowRules.DEFAULT, new RouteTemplates(50));
    ReplaySummary summary =
        Replay.run(
            ReplayFormat.NGINX.source(log),
            new Replay.Options(new Pace.Fixed(2000), Replay.SAFE_METHODS, 16),
            new Replay.Upstreams(client(primary), client(candidate), secondary.map(this::client)),
            sink);
    return new Run(sink.results(), summary);
  }

  static Map<String, List<String>> regressions(ShadowResults results) {
    Map<String, List<String>> out = new TreeMap<>();
    for (EndpointResult endpoint : results.endpoints()) {
      out.put(
          endpoint.endpoint().toString(),
          endpoint.regressions().stream().map(FieldResult::field).toList());
    }
    return out;
  }

  @Test
  void findsTheFiveInjectedRegressionsAndNothingInTheNoise() throws Exception {
    TestService primary = started(TestService.old());
    TestService secondary = started(TestService.old());
    TestService candidate = started(TestService.regressed());

    Run run = replay(log(10), primary.url(), candidate.url(), Optional.of(secondary.url()));

    assertThat(regressions(run.results()))
        .containsExactlyEntriesOf(
            new TreeMap<>(
                Map.of(
                    "GET /",
                    List.of(),
                    "GET /items/{id}",
                    List.of("status"),
                    "GET /orders/{id}",
                    List.of("$.currency (missing)"),
                    "GET /page",
                    List.of("header cache-control"),
                    "GET /search",
                    List.of(
                        "$.error (added)",
                        "$.generatedAt (missing)",
                        "$.hits (missing)",
                        "$.requestId (missing)",
                        "status"),
                    "GET /users/{id}",
                    List.of("$.name"))));
    EndpointResult users =
        run.results().endpoints().stream()
            .filter(e -> e.endpoint().route().equals("/users/{id}"))
            .findFirst()
            .orElseThrow();
    assertThat(users.noise())
        .extracting(FieldResult::field)
        .containsExactly("$.generatedAt", "$.requestId");
    assertThat(users.regressions().get(0).example().orElseThrow().other()).isEqualTo("USER 1");
    assertThat(run.summary().replayed()).isEqualTo(60);
    assertThat(run.summary().skipped()).containsEntry("POST", 1L);
    assertThat(run.summary().malformed()).isEqualTo(1);
    assertThat(run.summary().firstMalformed().get(0).line()).isEqualTo(4);
  }

  @Test
  void withoutASecondaryThePrimaryAskedTwiceCancelsTheNoise() throws Exception {
    TestService primary = started(TestService.old());
    TestService candidate = started(TestService.old());

    Run run = replay(log(3), primary.url(), candidate.url(), Optional.empty());

    assertThat(run.results().differing()).isZero();
    assertThat(run.results().withSecondary()).isEqualTo(18);
  }

  @Test
  void anUnreachableCandidateIsCountedAsConnectFailures() throws Exception {
    TestService primary = started(TestService.old());
    int closed;
    try (ServerSocket socket = new ServerSocket(0)) {
      closed = socket.getLocalPort();
    }
    Run run = replay(log(2), primary.url(), "http://127.0.0.1:" + closed, Optional.empty());

    assertThat(run.results().candidateFailures()).containsEntry("connect", 12L);
    assertThat(run.results().differing()).isEqualTo(12);
  }

  @Test
  void aPrimaryThatResetsIsCountedAndNothingIsJudged() throws Exception {
    ServerSocket resetting = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress());
    open.add(resetting);
    Thread acceptor =
        new Thread(
            () -> {
              while (!resetting.isClosed()) {
                try (Socket connection = resetting.accept()) {
                  connection.getInputStream().read(new byte[512]);
                  connection.setSoLinger(true, 0);
                } catch (Exception closedNow) {
                  return;
                }
              }
            });
    acceptor.setDaemon(true);
    acceptor.start();
    TestService candidate = started(TestService.old());

    Run run =
        replay(
            log(1),
            "http://127.0.0.1:" + resetting.getLocalPort(),
            candidate.url(),
            Optional.empty());

    assertThat(run.results().primaryFailures()).containsKey("reset");
    assertThat(run.results().primaryFailures().values().stream().mapToLong(Long::longValue).sum())
        .isEqualTo(6);
    assertThat(run.results().compared()).isZero();
  }

  @Test
  void aStoppedReplayEndsAtOnceAndReportsWhatItSent() throws Exception {
    TestService primary = started(TestService.old());
    TestService candidate = started(TestService.old());
    ComparingSink sink = new ComparingSink(ShadowRules.DEFAULT, new RouteTemplates(50));
    Replay.Stop stop = new Replay.Stop();
    Thread puller =
        new Thread(
            () -> {
              try {
                Thread.sleep(300);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
              stop.pull();
            });
    puller.start();
    long start = System.nanoTime();

    ReplaySummary summary =
        Replay.run(
            ReplayFormat.NGINX.source(log(10)),
            new Replay.Options(new Pace.Fixed(5), Replay.SAFE_METHODS, 4),
            new Replay.Upstreams(client(primary.url()), client(candidate.url()), Optional.empty()),
            sink,
            stop);

    assertThat(System.nanoTime() - start).isLessThan(Duration.ofSeconds(5).toNanos());
    assertThat(summary.stopped()).isTrue();
    assertThat(summary.replayed()).isBetween(1L, 10L);
    assertThat(sink.results().requests()).isEqualTo(summary.replayed());
  }
}
