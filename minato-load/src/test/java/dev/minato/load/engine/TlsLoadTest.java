package dev.minato.load.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.minato.load.scenario.ArrivalModel;
import dev.minato.load.scenario.ClientCertificate;
import dev.minato.load.scenario.Scenario;
import dev.minato.load.scenario.Shard;
import dev.minato.load.scenario.Tls;
import dev.minato.load.stats.Results;
import dev.minato.load.stats.Series;
import dev.minato.load.stats.StatusCodes;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * https against a real nginx on 127.0.0.1 whose self-signed certificate names localhost. Each run
 * is 200 requests on 4 connections; assertions are on counts. The build runs these twice, over
 * BoringSSL and over the JDK's TLS (TlsClientTest.expectedProvider).
 */
@Timeout(60)
class TlsLoadTest {

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

  private static Scenario scenario(String host, Tls tls) {
    return scenario(host, nginx.port(), tls);
  }

  private static Scenario scenario(String host, int port, Tls tls) {
    return Scenario.ofUrl(
            URI.create("https://" + host + ":" + port + "/"), new ArrivalModel.Closed(4))
        .withMaxRequests(200)
        .withTimeout(Duration.ofSeconds(10))
        .withTls(tls);
  }

  private record Outcome(Results results, Optional<String> firstConnectFailure) {}

  private static Outcome run(Scenario scenario) throws Exception {
    LoadRun run = LoadRun.start(scenario, Shard.WHOLE, Optional.empty(), p -> {});
    Results results = run.await();
    assertThat(run.tlsProvider()).contains(TlsClientTest.expectedProvider());
    return new Outcome(results, run.firstConnectFailure());
  }

  @Test
  void trustsTheGivenCaAndVerifiesTheName() throws Exception {
    Outcome outcome = run(scenario("localhost", Tls.trusting(nginx.certificatePem())));

    assertThat(outcome.results().requests()).isEqualTo(200);
    assertThat(outcome.results().count(Series.STATUS_2XX)).isEqualTo(200);
    assertThat(outcome.firstConnectFailure()).isEmpty();
  }

  @Test
  void aCertificateNoTrustedCaSignedFailsEveryConnection() throws Exception {
    Outcome outcome = run(scenario("localhost", Tls.DEFAULT));

    assertThat(outcome.results().count(Series.CONNECT)).isEqualTo(200);
    assertThat(outcome.results().successes()).isZero();
    assertThat(outcome.firstConnectFailure())
        .get()
        .asString()
        .startsWith("the server's certificate is not signed by a CA this run trusts")
        .contains("--cacert");
    var kinds = outcome.results().errorKinds().kinds();
    assertThat(kinds).containsOnlyKeys("tls-handshake");
    assertThat(kinds.get("tls-handshake").count()).isEqualTo(200);
    assertThat(kinds.get("tls-handshake").examples()).isNotEmpty();
  }

  @Test
  void aCertificateForAnotherNameFailsEvenFromATrustedCa() throws Exception {
    // The certificate names localhost; connecting by address must not pass for it.
    Outcome outcome = run(scenario("127.0.0.1", Tls.trusting(nginx.certificatePem())));

    assertThat(outcome.results().count(Series.CONNECT)).isEqualTo(200);
    assertThat(outcome.firstConnectFailure())
        .get()
        .asString()
        .startsWith("the server's certificate is not for this host name or address")
        .contains("127.0.0.1");
  }

  @Test
  void insecureSkipsVerificationLikeCurlK() throws Exception {
    Outcome outcome = run(scenario("127.0.0.1", Tls.insecure()));

    assertThat(outcome.results().count(Series.STATUS_2XX)).isEqualTo(200);
  }

  @Test
  void presentsTheClientCertificateToAServerThatDemandsOne() throws Exception {
    Tls trusted = Tls.trusting(nginx.certificatePem());
    ClientCertificate client =
        ClientCertificate.of(nginx.client().certificatePem(), nginx.client().keyPem());

    Outcome without = run(scenario("localhost", nginx.mutualPort(), trusted));
    Outcome with = run(scenario("localhost", nginx.mutualPort(), trusted.presenting(client)));

    // nginx answers a missing client certificate with 400 rather than failing the handshake.
    assertThat(without.results().count(Series.STATUS_4XX))
        .as(() -> described(without))
        .isEqualTo(200);
    assertThat(with.results().count(Series.STATUS_2XX)).as(() -> described(with)).isEqualTo(200);
  }

  /** What a failing run saw, and what nginx logged: enough to tell why from a CI log alone. */
  private static String described(Outcome outcome) {
    Results results = outcome.results();
    String log;
    try {
      List<String> lines = nginx.log().lines().toList();
      log = String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    } catch (IOException e) {
      log = "(nginx's log unreadable: " + e + ")";
    }
    return "status codes "
        + results.statusCodes().map(StatusCodes::format).orElse("none")
        + ", error kinds "
        + results.errorKinds().kinds()
        + ", first connect failure "
        + outcome.firstConnectFailure().orElse("none")
        + "\nnginx's log, last 40 lines:\n"
        + log;
  }
}
