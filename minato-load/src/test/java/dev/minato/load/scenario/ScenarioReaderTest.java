package dev.minato.load.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScenarioReaderTest {

  private static final String FULL =
      """
      apiVersion: minato.dev/v1alpha1
      kind: LoadTest
      metadata:
        name: checkout
      spec:
        target: http://127.0.0.1:8080
        requests:
        - name: home
          path: /
          weight: 3
        - method: post
          path: /api/orders
          headers:
            Content-Type: application/json
          bodyFile: order.json
        rate: 100/s
        stages:
        - duration: 10s
          rate: 2000/s
        duration: 60s
        timeout: 500ms
        maxConnections: 256
        slos:
        - p99<250ms
        - errors<0.1%
      """;

  private static Scenario read(String text) throws ScenarioException {
    return ScenarioReader.read("load.yaml", text, null);
  }

  private static String minimal(String extra) {
    return "apiVersion: minato.dev/v1alpha1\nkind: LoadTest\nmetadata:\n  name: t\nspec:\n"
        + "  target: http://127.0.0.1:8080\n"
        + extra;
  }

  @Test
  void readsEveryFieldOfAFullScenario(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("order.json"), "{\"sku\":1}");
    Path file = dir.resolve("load.yaml");
    Files.writeString(file, FULL);

    Scenario scenario = ScenarioReader.read(file);

    assertThat(scenario.name()).isEqualTo("checkout");
    assertThat(scenario.requests()).hasSize(2);
    assertThat(scenario.requests().get(0).weight()).isEqualTo(3);
    assertThat(scenario.requests().get(1).method()).isEqualTo("POST");
    assertThat(new String(scenario.requests().get(1).body(), StandardCharsets.UTF_8))
        .isEqualTo("{\"sku\":1}");
    assertThat(scenario.model().describe()).isEqualTo("open 100/s -> 2000/s in 10s");
    assertThat(scenario.duration()).contains(Duration.ofSeconds(60));
    assertThat(scenario.timeout()).isEqualTo(Duration.ofMillis(500));
    assertThat(scenario.maxConnections()).isEqualTo(256);
    assertThat(scenario.slos())
        .extracting(s -> s.text())
        .containsExactly("p99<250ms", "errors<0.1%");
  }

  @Test
  void rejectsUnknownFieldAtItsKeyWithSuggestion() {
    assertThatThrownBy(() -> read(minimal("  concurency: 8\n  duration: 1s\n")))
        .isInstanceOf(ScenarioException.class)
        .extracting(e -> ((ScenarioException) e).located())
        .isEqualTo("load.yaml:7:3: unknown field 'concurency', did you mean 'concurrency'?");
  }

  @Test
  void aWholeNumberOutOfRangeNamesItsField() {
    assertThatThrownBy(() -> read(minimal("  rate: 10/s\n  duration: 1s\n  maxConnections: 0\n")))
        .isInstanceOf(ScenarioException.class)
        .extracting(e -> ((ScenarioException) e).located())
        .isEqualTo("load.yaml:9:19: maxConnections must be a whole number of at least 1, not '0'");
    assertThatThrownBy(
            () -> read(minimal("  rate: 10/s\n  duration: 1s\n  requests:\n  - weight: lots\n")))
        .isInstanceOf(ScenarioException.class)
        .hasMessage("weight must be a whole number of at least 1, not 'lots'");
  }

  @Test
  void anUnknownFieldFarFromEveryKnownOneListsThem() {
    assertThatThrownBy(
            () ->
                read(
                    minimal(
                        "  rate: 10/s\n  duration: 1s\n  requests:\n  - path: /\n    verb: GET\n")))
        .isInstanceOf(ScenarioException.class)
        .extracting(e -> ((ScenarioException) e).located())
        .isEqualTo(
            "load.yaml:11:5: unknown field 'verb' (fields here: body, bodyFile, headers, method,"
                + " name, path, weight)");
  }

  @Test
  void aMissingBodyFileSaysSo(@TempDir Path dir) {
    assertThatThrownBy(
            () ->
                ScenarioReader.read(
                    "load.yaml",
                    minimal(
                        "  rate: 10/s\n  duration: 1s\n  requests:\n  - path: /\n"
                            + "    bodyFile: order.json\n"),
                    dir))
        .isInstanceOf(ScenarioException.class)
        .hasMessage("cannot read body file '" + dir.resolve("order.json") + "': no such file");
  }

  @Test
  void rejectsARateWithoutUnitNamingTheExpectation() {
    assertThatThrownBy(() -> read(minimal("  rate: fast\n  duration: 1s\n")))
        .isInstanceOf(ScenarioException.class)
        .extracting(e -> ((ScenarioException) e).located())
        .isEqualTo(
            "load.yaml:7:9: 'fast' is not a rate; expected requests per time unit, like 500/s,"
                + " 3000/m or 10/ms");
  }

  @Test
  void rejectsARunWithoutEnd() {
    assertThatThrownBy(() -> read(minimal("  rate: 10/s\n")))
        .isInstanceOf(ScenarioException.class)
        .hasMessageContaining("the run has no end");
  }

  @Test
  void rejectsBothModels() {
    assertThatThrownBy(() -> read(minimal("  rate: 10/s\n  concurrency: 2\n  duration: 1s\n")))
        .isInstanceOf(ScenarioException.class)
        .hasMessageContaining("not both");
  }

  @Test
  void rejectsABadSloAtItsLine() {
    assertThatThrownBy(() -> read(minimal("  rate: 10/s\n  duration: 1s\n  slos:\n  - p99<fast\n")))
        .isInstanceOf(ScenarioException.class)
        .extracting(e -> ((ScenarioException) e).located())
        .asString()
        .startsWith("load.yaml:10:5: invalid SLO 'p99<fast'");
  }

  private static final String NAMED =
      "  requests:\n  - name: checkout\n    path: /checkout\n  - name: browse\n    path: /\n"
          + "  rate: 10/s\n  duration: 1s\n  slos:\n";

  @Test
  void readsAnSloScopedToANamedRequest() throws Exception {
    Scenario scenario = read(minimal(NAMED + "  - checkout:p99<300ms\n  - browse:errors<1%\n"));

    assertThat(scenario.slos())
        .extracting(slo -> slo.request().orElseThrow())
        .containsExactly("checkout", "browse");
  }

  @Test
  void rejectsAnSloNamingAnUnknownRequestAtItsLineWithASuggestion() {
    assertThatThrownBy(() -> read(minimal(NAMED + "  - chekout:p99<300ms\n")))
        .isInstanceOf(ScenarioException.class)
        .extracting(e -> ((ScenarioException) e).located())
        .asString()
        .startsWith("load.yaml:15:5: SLO 'chekout:p99<300ms' names request 'chekout', which the")
        .contains("did you mean 'checkout'?")
        .contains("(requests: checkout, browse)");
  }

  private static String https(String tls) {
    return minimal("  concurrency: 2\n  maxRequests: 10\n" + tls).replace("http://", "https://");
  }

  @Test
  void readsHttpsTargetsTrustingJavasCasByDefault() throws Exception {
    Scenario scenario = read(https(""));

    assertThat(scenario.secure()).isTrue();
    assertThat(scenario.port()).isEqualTo(8080);
    assertThat(scenario.tls()).isEqualTo(Tls.DEFAULT);
  }

  @Test
  void readsTheCaFileNextToTheScenario(@TempDir Path dir) throws Exception {
    Files.copy(ScenarioReaderTest.class.getResourceAsStream("/test-ca.pem"), dir.resolve("ca.pem"));
    Path file = dir.resolve("load.yaml");
    Files.writeString(file, https("  tls: {caFile: ca.pem}\n"));

    Scenario scenario = ScenarioReader.read(file);

    assertThat(scenario.tls().caPem()).get().asString().startsWith("-----BEGIN CERTIFICATE-----");
    assertThat(scenario.tls().insecureSkipVerify()).isFalse();
  }

  @Test
  void aCaFileWithoutCertificateIsAnErrorAtTheField(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("ca.pem"), "not a certificate\n");
    Path file = dir.resolve("load.yaml");
    Files.writeString(file, https("  tls:\n    caFile: ca.pem\n"));

    assertThatThrownBy(() -> ScenarioReader.read(file))
        .isInstanceOf(ScenarioException.class)
        .hasMessageStartingWith("not a PEM CA certificate")
        .satisfies(
            e -> {
              ScenarioException error = (ScenarioException) e;
              assertThat(error.position().line()).isEqualTo(10);
              assertThat(error.position().column()).isEqualTo(13);
            });
  }

  @Test
  void tlsTakesAtMostOneWayToTrust() {
    assertThatThrownBy(() -> read(https("  tls: {insecureSkipVerify: true, caFile: ca.pem}\n")))
        .isInstanceOf(ScenarioException.class)
        .hasMessageContaining("give at most one of 'insecureSkipVerify: true', 'caFile' or 'ca'");
  }

  @Test
  void readsAClientCertificateAndKeyForMutualTls(@TempDir Path dir) throws Exception {
    copy("/test-client.pem", dir.resolve("client.pem"));
    copy("/test-client.key", dir.resolve("client.key"));
    Path file = dir.resolve("load.yaml");
    Files.writeString(file, https("  tls: {certFile: client.pem, keyFile: client.key}\n"));

    Scenario scenario = ScenarioReader.read(file);

    assertThat(scenario.tls().caPem()).isEmpty();
    assertThat(scenario.tls().client())
        .get()
        .satisfies(c -> assertThat(c.keyPem()).contains("PRIVATE KEY"));
  }

  @Test
  void aKeyInAnotherFormatIsAnErrorAtTheKeyWithTheConversion(@TempDir Path dir) throws Exception {
    copy("/test-client.pem", dir.resolve("client.pem"));
    Files.writeString(
        dir.resolve("client.key"),
        "-----BEGIN EC PRIVATE KEY-----\nAAAA\n-----END EC PRIVATE KEY-----\n");
    Path file = dir.resolve("load.yaml");
    Files.writeString(file, https("  tls:\n    certFile: client.pem\n    keyFile: client.key\n"));

    assertThatThrownBy(() -> ScenarioReader.read(file))
        .isInstanceOf(ScenarioException.class)
        .hasMessageContaining("unencrypted PKCS#8")
        .hasMessageContaining("openssl pkcs8 -topk8 -nocrypt")
        .satisfies(e -> assertThat(((ScenarioException) e).position().line()).isEqualTo(11));
  }

  @Test
  void aCertificateWithoutItsKeyIsAnError() {
    assertThatThrownBy(() -> read(https("  tls: {certFile: client.pem}\n")))
        .isInstanceOf(ScenarioException.class)
        .hasMessageContaining("needs both 'certFile' and 'keyFile'");
  }

  private static void copy(String resource, Path to) throws Exception {
    Files.copy(ScenarioReaderTest.class.getResourceAsStream(resource), to);
  }

  @Test
  void tlsOnAPlainHttpTargetIsAnError() {
    String text =
        minimal("  concurrency: 2\n  maxRequests: 10\n  tls: {insecureSkipVerify: true}\n");

    assertThatThrownBy(() -> read(text))
        .isInstanceOf(ScenarioException.class)
        .hasMessageContaining("tls applies to https:// targets");
  }

  @Test
  void otherSchemesAreRefused() {
    String text = minimal("  rate: 10/s\n  duration: 1s\n").replace("http://", "ftp://");

    assertThatThrownBy(() -> read(text))
        .isInstanceOf(ScenarioException.class)
        .hasMessageContaining("target must be an http:// or https:// URL");
  }

  @Test
  void aWrittenScenarioCarriesItsCaInline(@TempDir Path dir) throws Exception {
    Files.copy(ScenarioReaderTest.class.getResourceAsStream("/test-ca.pem"), dir.resolve("ca.pem"));
    Scenario scenario =
        ScenarioReader.read("load.yaml", https("  warmup: 1s\n  tls: {caFile: ca.pem}\n"), dir);

    String written = dev.minato.manifest.YamlWriter.write(ScenarioWriter.tree(scenario));
    Scenario again = ScenarioReader.read("again.yaml", written, null);

    assertThat(written).contains("ca: ").doesNotContain("caFile");
    assertThat(again.tls()).isEqualTo(scenario.tls());
    assertThat(again.warmup()).contains(Duration.ofSeconds(1));
  }

  @Test
  void readsHttp2AsProtocolH2AndWritesItBack() throws Exception {
    Scenario scenario = read(minimal("  protocol: h2\n  concurrency: 2\n  duration: 1s\n"));

    String written = dev.minato.manifest.YamlWriter.write(ScenarioWriter.tree(scenario));

    assertThat(scenario.protocol()).isEqualTo(Protocol.H2);
    assertThat(read(written).protocol()).isEqualTo(Protocol.H2);
  }

  @Test
  void aScenarioWithoutProtocolSpeaksHttp11AndKeepsItsFingerprint() throws Exception {
    Scenario scenario = read(minimal("  concurrency: 2\n  duration: 1s\n"));

    assertThat(scenario.protocol()).isEqualTo(Protocol.HTTP_1_1);
    assertThat(scenario.withProtocol(Protocol.HTTP_1_1).fingerprint())
        .isEqualTo(scenario.fingerprint())
        .isNotEqualTo(scenario.withProtocol(Protocol.H2).fingerprint());
  }

  @Test
  void rejectsAnUnknownProtocolAtItsValue() {
    assertThatThrownBy(() -> read(minimal("  protocol: http3\n  rate: 1/s\n  duration: 1s\n")))
        .isInstanceOf(ScenarioException.class)
        .extracting(e -> ((ScenarioException) e).located())
        .asString()
        .startsWith("load.yaml:7:13: protocol must be 'http/1.1' or 'h2'");
  }

  @Test
  void aHeaderValueMustStayOnOneLine() {
    String text =
        minimal(
            "  concurrency: 1\n  maxRequests: 1\n  requests:\n  - path: /\n    headers:\n"
                + "      X-Note: |\n        one\n        two\n");

    assertThatThrownBy(() -> read(text))
        .isInstanceOf(ScenarioException.class)
        .hasMessage("the value of header 'X-Note' must be one line");
  }

  @Test
  void aHeaderNameMustBeAToken() {
    String text =
        minimal(
            "  concurrency: 1\n  maxRequests: 1\n  requests:\n  - path: /\n    headers:\n"
                + "      \"X Note\": a\n");

    assertThatThrownBy(() -> read(text))
        .isInstanceOf(ScenarioException.class)
        .hasMessageContaining("'X Note' is not a header name");
  }

  @Test
  void defaultsToOneGetOfTheTargetPath() throws Exception {
    Scenario scenario =
        read(minimal("  concurrency: 2\n  maxRequests: 10\n").replace(":8080", ":8080/health"));

    assertThat(scenario.requests())
        .singleElement()
        .satisfies(r -> assertThat(r.path()).isEqualTo("/health"));
    assertThat(scenario.target().toString()).isEqualTo("http://127.0.0.1:8080");
  }

  @Test
  void writesBackAScenarioThatReadsTheSame(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("order.json"), "{\"sku\":1}");
    Scenario scenario = ScenarioReader.read("load.yaml", FULL, dir);

    String written = dev.minato.manifest.YamlWriter.write(ScenarioWriter.tree(scenario));
    Scenario again = ScenarioReader.read("again.yaml", written, null);

    assertThat(again.fingerprint()).isEqualTo(scenario.fingerprint());
  }
}
