package dev.minato.load.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.minato.load.scenario.ArrivalModel;
import dev.minato.load.scenario.Protocol;
import dev.minato.load.scenario.Scenario;
import dev.minato.load.scenario.Shard;
import dev.minato.load.scenario.Tls;
import dev.minato.load.stats.Results;
import dev.minato.load.stats.Series;
import dev.minato.load.syntax.Rate;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * HTTP/2 targets: cleartext h2c (prior knowledge) against a Netty server in this process that
 * counts connections and concurrent streams, and TLS with ALPN h2 against a real nginx. Assertions
 * are on counts, never on speed. The time limit bounds a hang, not a pace, on a busy machine too.
 */
@Timeout(120)
class Http2LoadTest {

  @TempDir static Path dir;
  private static TlsNginx nginx;

  @BeforeAll
  static void startNginx() throws Exception {
    nginx = TlsNginx.start(dir);
  }

  @AfterAll
  static void stopNginx() {
    if (nginx != null) {
      nginx.close();
    }
  }

  private record Outcome(Results results, Optional<String> firstConnectFailure) {}

  private static Outcome run(Scenario scenario, int threads) throws Exception {
    LoadRun run =
        LoadRun.start(scenario, Shard.WHOLE, Optional.empty(), p -> {}, OptionalInt.of(threads));
    Results results = run.await();
    if (scenario.secure()) {
      assertThat(run.tlsProvider()).contains(TlsClientTest.expectedProvider());
    }
    return new Outcome(results, run.firstConnectFailure());
  }

  private static Scenario closed(URI url, int users, int connections, long requests) {
    return Scenario.ofUrl(url, new ArrivalModel.Closed(users))
        .withProtocol(Protocol.H2)
        .withMaxConnections(connections)
        .withMaxRequests(requests)
        .withTimeout(Duration.ofSeconds(10));
  }

  @Test
  void closedRunMultiplexesItsUsersOverTheScenariosConnections() throws Exception {
    try (H2cServer server = new H2cServer(100)) {
      Outcome outcome = run(closed(server.uri("/wait"), 16, 2, 400), 1);

      assertThat(outcome.results().requests()).isEqualTo(400);
      assertThat(outcome.results().count(Series.STATUS_2XX)).isEqualTo(400);
      assertThat(server.connections()).isEqualTo(2);
      // Each answer waits 20 ms, so each connection's 8 users have their streams open at once.
      assertThat(server.peakStreams()).isEqualTo(8);
      assertThat(outcome.results().info().model())
          .isEqualTo("closed 16 users, HTTP/2 streams on at most 2 connections");
    }
  }

  @Test
  void neverOpensMoreStreamsThanTheServerAllows() throws Exception {
    try (H2cServer server = new H2cServer(3)) {
      Outcome outcome = run(closed(server.uri("/wait"), 12, 1, 150), 1);

      assertThat(outcome.results().count(Series.STATUS_2XX)).isEqualTo(150);
      assertThat(outcome.results().errors()).isZero();
      assertThat(server.connections()).isEqualTo(1);
      assertThat(server.peakStreams()).isEqualTo(3);
    }
  }

  @Test
  void recordsEachStreamsExactStatus() throws Exception {
    try (H2cServer server = new H2cServer(100)) {
      Outcome outcome = run(closed(server.uri("/status/503"), 4, 1, 100), 1);

      assertThat(outcome.results().count(Series.STATUS_5XX)).isEqualTo(100);
      assertThat(outcome.results().statusCodes().get().counts()).containsEntry(503, 100L);
    }
  }

  @Test
  void aResponseEndedByTrailersCountsWithTheStatusOfItsHeaders() throws Exception {
    try (H2cServer server = new H2cServer(100)) {
      Outcome outcome = run(closed(server.uri("/grpc"), 4, 1, 100), 1);

      assertThat(outcome.results().errors()).isZero();
      assertThat(outcome.results().statusCodes().get().counts()).containsEntry(200, 100L);
    }
  }

  @Test
  void aStreamPastTheTimeoutIsResetAndCountedWhileItsConnectionStays() throws Exception {
    try (H2cServer server = new H2cServer(100)) {
      // /slow never answers, so any timeout proves the point; it is the connection's settings
      // timeout too, and a short one lets a busy machine's late settings replace the connection.
      Scenario slow = closed(server.uri("/slow"), 2, 1, 4).withTimeout(Duration.ofSeconds(2));

      Outcome outcome = run(slow, 1);

      assertThat(outcome.results().count(Series.TIMEOUT)).isEqualTo(4);
      assertThat(server.connections()).isEqualTo(1);
      // The server sees the resets on its own loop, a moment after the run counted them; the
      // deadline only ends a test whose resets never arrive.
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (server.resets() < 4 && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
      assertThat(server.resets()).isEqualTo(4);
    }
  }

  @Test
  void openModelKeepsItsRateOverAFewConnections() throws Exception {
    try (H2cServer server = new H2cServer(100)) {
      Scenario open =
          Scenario.ofUrl(server.uri("/"), ArrivalModel.Open.constant(new Rate(400)))
              .withProtocol(Protocol.H2)
              .withDuration(Duration.ofSeconds(1));

      Outcome outcome = run(open, 1);

      assertThat(outcome.results().requests()).isEqualTo(400);
      assertThat(outcome.results().count(Series.STATUS_2XX)).isEqualTo(400);
      // One connection carries 100 streams; another opens only while 100 wait for answers.
      assertThat(server.connections()).isLessThanOrEqualTo(4);
    }
  }

  @Test
  void aServerThatDoesNotSpeakH2cFailsEveryConnectionWithTheReason() throws Exception {
    try (StallingServer http1 = new StallingServer()) {
      Outcome outcome = run(closed(http1.uri("/"), 2, 1, 10), 1);

      assertThat(outcome.results().successes()).isZero();
      assertThat(outcome.results().count(Series.CONNECT)).isEqualTo(10);
      assertThat(outcome.firstConnectFailure()).get().asString().contains("h2c");
    }
  }

  @Test
  void tlsWithAlpnH2AgainstNginx() throws Exception {
    Scenario scenario =
        closed(URI.create("https://localhost:" + nginx.http2Port() + "/"), 8, 2, 400)
            .withTls(Tls.trusting(nginx.certificatePem()));

    Outcome outcome = run(scenario, 1);

    assertThat(outcome.firstConnectFailure()).isEmpty();
    assertThat(outcome.results().count(Series.STATUS_2XX)).isEqualTo(400);
  }

  @Test
  void aTlsServerThatDoesNotChooseH2FailsEveryConnectionWithTheReason() throws Exception {
    Scenario scenario =
        closed(URI.create("https://localhost:" + nginx.port() + "/"), 2, 1, 10)
            .withTls(Tls.trusting(nginx.certificatePem()));

    Outcome outcome = run(scenario, 1);

    assertThat(outcome.results().successes()).isZero();
    assertThat(outcome.firstConnectFailure()).get().asString().contains("ALPN");
  }
}
