package dev.minato.cli.replay;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.minato.cli.CliRun;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A user replaying an access log against the old and the new copy of a service. */
class ReplayCommandTest {

  @TempDir Path dir;

  final List<HttpServer> servers = new ArrayList<>();

  @AfterEach
  void stop() {
    servers.forEach(server -> server.stop(0));
  }

  /** A service answering {"price": P, "id": random}; the candidate can be given another price. */
  String service(int price) throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
    server.createContext(
        "/",
        exchange -> {
          byte[] body =
              ("{\"price\":" + price + ",\"id\":\"" + UUID.randomUUID() + "\"}")
                  .getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          exchange.sendResponseHeaders(200, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    server.start();
    servers.add(server);
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  Path ltsv() throws IOException {
    Path log = dir.resolve("access.ltsv");
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      lines.add(
          "time:[30/Nov/2026:20:01:0"
              + i
              + " +0000]\tmethod:GET\turi:/products/"
              + i
              + "?token=s3cret\tstatus:200\tua:curl/8");
    }
    lines.add("garbage without labels");
    lines.add("time:[30/Nov/2026:20:01:09 +0000]\tmethod:DELETE\turi:/products/1\tstatus:204");
    Files.write(log, lines);
    return log;
  }

  @Test
  void sameAnswersPassTheGateAndTheNoiseIsExcused() throws Exception {
    String old = service(10);
    CliRun run =
        CliRun.of(
            "replay",
            ltsv().toString(),
            "--primary",
            old,
            "--candidate",
            service(10),
            "--rate",
            "200/s",
            "--max-diff-rate",
            "0.1%");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out())
        .contains("shadow: 5 requests, 5 compared (5 with a secondary), 0 differing (0.00%)")
        .contains("malformed log lines (not replayed): 1")
        .contains("line 6: column 1:")
        .contains("requests skipped (method not replayed; widen with --methods): 1")
        .contains("noise      $.id: 5/5 differ (old copies: 5/5)")
        .contains("gate: diff rate 0.00% <= max 0.1%: passed");
  }

  @Test
  void aChangedPriceFailsTheGateAndTheHtmlShowsItWithoutSecrets() throws Exception {
    Path html = dir.resolve("diff.html");
    CliRun run =
        CliRun.of(
            "replay",
            ltsv().toString(),
            "--primary",
            service(10),
            "--candidate",
            service(12),
            "--rate",
            "200/s",
            "--max-diff-rate",
            "0.1%",
            "--html",
            html.toString());

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.out())
        .contains("GET /products/{id}: 5 compared, 5 differing (100.00%)")
        .contains("REGRESSION $.price: 5/5 differ")
        .contains("e.g. /products/0?token=***")
        .contains("gate: diff rate 100.00% > max 0.1%: FAILED");
    String page = Files.readString(html);
    assertThat(page).contains("$.price").contains("<td class=\"v\">10</td><td class=\"v\">12</td>");
    assertThat(page).doesNotContain("s3cret");
  }

  @Test
  void aMistakeInTheRulesFileIsInvalidInputAtItsPosition() throws Exception {
    Path rules = dir.resolve("rules.yaml");
    Files.writeString(rules, "ignore: [$.id]\nignroe: []\n");
    CliRun run =
        CliRun.of(
            "replay",
            ltsv().toString(),
            "--primary",
            service(1),
            "--candidate",
            service(1),
            "--rules",
            rules.toString());

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("rules.yaml:2:1").contains("did you mean 'ignore'?");
  }

  @Test
  void anUnknownFormatSuggestsTheClosest() throws Exception {
    CliRun run = CliRun.of("replay", ltsv().toString(), "--format", "ltvs", "--dry-run");
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("did you mean 'ltsv'?");
  }

  @Test
  void aDryRunReadsAndCountsWithoutSending() throws Exception {
    CliRun run = CliRun.of("replay", ltsv().toString(), "--dry-run");
    assertThat(run.exitCode()).isZero();
    assertThat(run.out())
        .contains("6 requests (5 to replay), 1 malformed lines")
        .contains("lines/s");
  }

  @Test
  void aPrimaryThatNeverAnswersIsAnEnvironmentError() throws Exception {
    int closed;
    try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
      closed = socket.getLocalPort();
    }
    CliRun run =
        CliRun.of(
            "replay",
            ltsv().toString(),
            "--primary",
            "http://127.0.0.1:" + closed,
            "--candidate",
            service(1),
            "--rate",
            "500/s");
    assertThat(run.exitCode()).isEqualTo(3);
    assertThat(run.out()).contains("primary failed (not judged): connect 5");
    assertThat(run.err()).contains("never answered");
  }
}
