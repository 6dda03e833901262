package dev.minato.release.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.minato.release.ReleaseException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Logins from Docker credential helpers: fake {@code docker-credential-*} scripts in a folder that
 * stands for {@code PATH}, answering as Docker's helpers do, in front of a registry that wants a
 * login.
 */
class CredentialHelperTest {

  private final TestRegistry registry = TestRegistry.start();
  @TempDir Path dir;
  Path bin;

  @BeforeEach
  void setUp() throws Exception {
    bin = Files.createDirectories(dir.resolve("bin"));
    registry.requireLogin("ci", "s3cret");
    registry.push("shop/api", "2.0", Map.of());
  }

  @AfterEach
  void stop() {
    registry.close();
  }

  /** A helper that logs the server it was asked for, and answers with {@code answer}. */
  private void helper(String name, String answer, int exit) throws Exception {
    Path script = bin.resolve("docker-credential-" + name);
    Files.writeString(
        script,
        "#!/bin/sh\n"
            + "[ \"$1\" = get ] || exit 3\n"
            + "cat >> '"
            + dir.resolve(name + ".asked")
            + "'\necho >> '"
            + dir.resolve(name + ".asked")
            + "'\nprintf '%s' '"
            + answer
            + "'\nexit "
            + exit
            + "\n");
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
  }

  private String login(String user, String secret) {
    return "{\"ServerURL\":\""
        + registry.host()
        + "\",\"Username\":\""
        + user
        + "\",\"Secret\":\""
        + secret
        + "\"}";
  }

  private Credentials config(String json) throws Exception {
    Path config = Files.writeString(dir.resolve("config.json"), json);
    return Credentials.read(config, name -> new CredentialHelper(name, List.of(bin)));
  }

  private String digest(Credentials credentials) throws ReleaseException {
    return new RegistryClient(credentials, Set.of(registry.host()))
        .digest(ImageName.parse(registry.host() + "/shop/api:2.0"));
  }

  @Test
  void theCredsStoreHelperIsAskedWithTheRegistryHostOnStdin() throws Exception {
    helper("fake", login("ci", "s3cret"), 0);
    Credentials credentials =
        config("{\"auths\":{\"" + registry.host() + "\":{}},\"credsStore\":\"fake\"}");

    assertThat(digest(credentials)).startsWith("sha256:");
    assertThat(Files.readAllLines(dir.resolve("fake.asked"))).containsExactly(registry.host());
  }

  @Test
  void aHostsOwnHelperWinsOverTheStoreAndItsAskedOncePerHost() throws Exception {
    helper("store", login("ci", "wrong"), 0);
    helper("ecr", login("ci", "s3cret"), 0);
    Credentials credentials =
        config("{\"credsStore\":\"store\",\"credHelpers\":{\"" + registry.host() + "\":\"ecr\"}}");
    RegistryClient client = new RegistryClient(credentials, Set.of(registry.host()));

    client.digest(ImageName.parse(registry.host() + "/shop/api:2.0"));
    client.inspect(ImageName.parse(registry.host() + "/shop/api:2.0"));

    assertThat(Files.readAllLines(dir.resolve("ecr.asked"))).containsExactly(registry.host());
    assertThat(dir.resolve("store.asked")).doesNotExist();
  }

  @Test
  void credentialsNotFoundIsNoLoginAndTheRegistrysRefusalSaysSo() throws Exception {
    helper("fake", "credentials not found in native keychain", 1);
    Credentials credentials = config("{\"credsStore\":\"fake\"}");

    assertThatThrownBy(() -> digest(credentials))
        .isInstanceOfSatisfying(
            ReleaseException.class,
            e -> assertThat(e.kind()).isEqualTo(ReleaseException.Kind.IMAGE_MISSING))
        .hasMessageContaining("incorrect username or password");
  }

  @Test
  void aHelperMissingFromPathIsAnEnvironmentErrorNamingTheProgram() throws Exception {
    Credentials credentials = config("{\"credsStore\":\"desktop\"}");

    assertThatThrownBy(() -> digest(credentials))
        .isInstanceOfSatisfying(
            ReleaseException.class,
            e -> assertThat(e.kind()).isEqualTo(ReleaseException.Kind.ENVIRONMENT))
        .hasMessageContaining("docker-credential-desktop is not on PATH")
        .hasMessageContaining("--registry-auth");
  }

  @Test
  void aFailingHelperIsAnEnvironmentErrorThatPrintsNothingOfItsOutput() throws Exception {
    helper("fake", "secret-looking-output", 2);
    Credentials credentials = config("{\"credsStore\":\"fake\"}");

    assertThatThrownBy(() -> digest(credentials))
        .isInstanceOfSatisfying(
            ReleaseException.class,
            e -> assertThat(e.kind()).isEqualTo(ReleaseException.Kind.ENVIRONMENT))
        .hasMessageContaining("docker-credential-fake get failed for " + registry.host())
        .hasMessageNotContaining("secret-looking-output");
  }

  @Test
  void anIdentityTokenFromAHelperIsExchangedByAnOAuth2PostNeverInAUrl() throws Exception {
    registry.requireIdentityToken("refresh-1");
    helper("fake", login("<token>", "refresh-1"), 0);
    Credentials credentials = config("{\"credsStore\":\"fake\"}");

    assertThat(digest(credentials)).startsWith("sha256:");
    assertThat(registry.requests()).contains("POST /token");
    assertThat(registry.requests()).noneMatch(r -> r.startsWith("GET /token"));
    assertThat(registry.requests()).noneMatch(r -> r.contains("refresh-1"));
  }

  @Test
  void anIdentityTokenTheServiceRefusesCannotPullAndIsNotPrinted() throws Exception {
    registry.requireIdentityToken("refresh-1");
    helper("fake", login("<token>", "revoked-token"), 0);
    Credentials credentials = config("{\"credsStore\":\"fake\"}");

    assertThatThrownBy(() -> digest(credentials))
        .isInstanceOfSatisfying(
            ReleaseException.class,
            e -> assertThat(e.kind()).isEqualTo(ReleaseException.Kind.IMAGE_MISSING))
        .hasMessageContaining("refused a pull token (401: UNAUTHORIZED: invalid refresh token)")
        .hasMessageNotContaining("revoked-token");
  }

  @Test
  void anIdentityTokenInConfigAuthsIsExchangedLikeAHelpers() throws Exception {
    registry.requireIdentityToken("refresh-2");
    Credentials credentials =
        config(
            "{\"auths\":{\""
                + registry.host()
                + "\":{\"auth\":\"\",\"identitytoken\":\"refresh-2\"}}}");

    assertThat(digest(credentials)).startsWith("sha256:");
    assertThat(registry.requests()).contains("POST /token");
  }

  @Test
  void aPasswordLoginStillAsksTheTokenWithBasicAuthentication() throws Exception {
    helper("fake", login("ci", "s3cret"), 0);
    Credentials credentials = config("{\"credsStore\":\"fake\"}");

    assertThat(digest(credentials)).startsWith("sha256:");
    assertThat(registry.requests()).noneMatch(r -> r.startsWith("POST"));
  }

  @Test
  void aHelperNameWithAPathIsRefusedAsInvalid() {
    assertThatThrownBy(() -> config("{\"credsStore\":\"../../bin/sh\"}"))
        .isInstanceOfSatisfying(
            ReleaseException.class,
            e -> assertThat(e.kind()).isEqualTo(ReleaseException.Kind.INVALID))
        .hasMessageContaining("config.json:1:15: credsStore must name a credential helper");
  }

  @Test
  void aMalformedConfigIsRefusedAtItsLineAndColumn() {
    assertThatThrownBy(() -> config("{\n  \"auths\": {,\n}"))
        .isInstanceOfSatisfying(
            ReleaseException.class,
            e -> assertThat(e.kind()).isEqualTo(ReleaseException.Kind.INVALID))
        .hasMessageContaining("config.json:2:")
        .hasMessageContaining("not a Docker config.json");
  }

  @Test
  void anAuthThatIsNotBase64IsRefusedAtItsPosition() {
    assertThatThrownBy(() -> config("{\"auths\": {\"ghcr.io\": {\"auth\": \"nope\"}}}"))
        .hasMessageContaining("config.json:1:32: auths.ghcr.io.auth must be the base64");
  }
}
