package dev.minato.release.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.minato.release.ReleaseException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RegistryClientTest {

  private final TestRegistry registry = TestRegistry.start();
  @TempDir Path dir;

  @AfterEach
  void stop() {
    registry.close();
  }

  private RegistryClient client(Credentials credentials) {
    return new RegistryClient(credentials, Set.of(registry.host()));
  }

  private ImageName image(String rest) throws ReleaseException {
    return ImageName.parse(registry.host() + "/" + rest);
  }

  @Test
  void resolvesTheDigestWithAHeadOfTheManifest() throws Exception {
    String digest = registry.push("shop/api", "2.0", Map.of());
    assertThat(client(Credentials.none()).digest(image("shop/api:2.0"))).isEqualTo(digest);
    assertThat(registry.requests()).containsExactly("HEAD /v2/shop/api/manifests/2.0");
  }

  @Test
  void readsTheRevisionAndSourceLabelsFromTheConfigBlob() throws Exception {
    registry.push(
        "shop/api",
        "2.0",
        Map.of(ImageFacts.REVISION_LABEL, "abc123", ImageFacts.SOURCE_LABEL, "https://git/x"));
    ImageFacts facts = client(Credentials.none()).inspect(image("shop/api:2.0"));
    assertThat(facts.revision()).contains("abc123");
    assertThat(facts.source()).contains("https://git/x");
  }

  @Test
  void throughAnIndexReadsTheLinuxAmd64Image() throws Exception {
    String digest =
        registry.pushIndex(
            "shop/api",
            "2.0",
            Map.of(ImageFacts.REVISION_LABEL, "arm-build"),
            Map.of(ImageFacts.REVISION_LABEL, "amd-build"));
    ImageFacts facts = client(Credentials.none()).inspect(image("shop/api:2.0"));
    assertThat(facts.digest()).isEqualTo(digest);
    assertThat(facts.revision()).contains("amd-build");
  }

  @Test
  void followsTheAnonymousBearerTokenFlow() throws Exception {
    registry.requireToken();
    String digest = registry.push("shop/api", "2.0", Map.of());
    assertThat(client(Credentials.none()).digest(image("shop/api:2.0"))).isEqualTo(digest);
    assertThat(registry.requests())
        .containsExactly(
            "HEAD /v2/shop/api/manifests/2.0",
            "GET /token?service=test-registry&scope=repository%3Ashop%2Fapi%3Apull",
            "HEAD /v2/shop/api/manifests/2.0");
  }

  @Test
  void asksForTheTokenWithTheLoginFromADockerConfig() throws Exception {
    registry.requireLogin("ci", "s3cret");
    registry.push("shop/api", "2.0", Map.of());
    Path config = dir.resolve("config.json");
    String auth = Base64.getEncoder().encodeToString("ci:s3cret".getBytes(StandardCharsets.UTF_8));
    Files.writeString(
        config, "{\"auths\":{\"" + registry.host() + "\":{\"auth\":\"" + auth + "\"}}}");
    assertThat(client(Credentials.read(config)).digest(image("shop/api:2.0")))
        .startsWith("sha256:");
  }

  @Test
  void aRefusedLoginIsAnImageThatCannotBePulled() {
    registry.requireLogin("ci", "s3cret");
    registry.push("shop/api", "2.0", Map.of());
    assertThatThrownBy(() -> client(Credentials.none()).digest(image("shop/api:2.0")))
        .isInstanceOfSatisfying(
            ReleaseException.class,
            e -> assertThat(e.kind()).isEqualTo(ReleaseException.Kind.IMAGE_MISSING))
        .hasMessageContaining("incorrect username or password")
        .hasMessageContaining("--registry-auth");
  }

  @Test
  void aMissingTagIsImageMissingWithTheRegistrysAnswer() {
    registry.push("shop/api", "2.0", Map.of());
    assertThatThrownBy(() -> client(Credentials.none()).digest(image("shop/api:9.9")))
        .isInstanceOfSatisfying(
            ReleaseException.class,
            e -> assertThat(e.kind()).isEqualTo(ReleaseException.Kind.IMAGE_MISSING))
        .hasMessageContaining("404: MANIFEST_UNKNOWN: manifest unknown");
  }

  @Test
  void aServerErrorIsAnEnvironmentProblem() {
    registry.failWith(500);
    assertThatThrownBy(() -> client(Credentials.none()).digest(image("shop/api:2.0")))
        .isInstanceOfSatisfying(
            ReleaseException.class,
            e -> assertThat(e.kind()).isEqualTo(ReleaseException.Kind.ENVIRONMENT))
        .hasMessageContaining("answered 500");
  }

  @Test
  void anUnreachableRegistryIsAnEnvironmentProblem() throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    String host = "127.0.0.1:" + port;
    RegistryClient client = new RegistryClient(Credentials.none(), Set.of(host));
    assertThatThrownBy(() -> client.digest(ImageName.parse(host + "/shop/api:2.0")))
        .isInstanceOfSatisfying(
            ReleaseException.class,
            e -> assertThat(e.kind()).isEqualTo(ReleaseException.Kind.ENVIRONMENT))
        .hasMessageContaining("cannot reach registry " + host);
  }
}
