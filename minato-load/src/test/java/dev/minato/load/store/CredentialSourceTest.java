package dev.minato.load.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The default chain's order, and a report written with web identity credentials end to end. */
class CredentialSourceTest {

  private static final String ROLE = "arn:aws:iam::123456789012:role/minato-load-reports";

  @TempDir Path dir;

  private static ObjectStore store(LoopbackS3 s3, String location, CredentialSource source)
      throws StoreException {
    return new ObjectStore(
        S3Location.parse(
            location, Optional.of(s3.endpoint()), Optional.of("eu-west-1"), Optional.empty()),
        source,
        Clock.systemUTC());
  }

  @Test
  void aKeyInTheEnvironmentComesBeforeWebIdentity() throws Exception {
    Optional<CredentialSource> source =
        CredentialSource.fromEnvironment(
            Map.of(
                "AWS_ACCESS_KEY_ID",
                "AKIAEXPLICIT",
                "AWS_SECRET_ACCESS_KEY",
                "explicit",
                "AWS_ROLE_ARN",
                ROLE,
                "AWS_WEB_IDENTITY_TOKEN_FILE",
                dir.resolve("absent").toString()),
            Clock.systemUTC());

    assertThat(source.orElseThrow().current().accessKeyId()).isEqualTo("AKIAEXPLICIT");
  }

  @Test
  void withoutAKeyTheWebIdentityIsUsed() throws Exception {
    Optional<CredentialSource> source =
        CredentialSource.fromEnvironment(
            Map.of(
                "AWS_ACCESS_KEY_ID",
                "AKIAHALF",
                "AWS_ROLE_ARN",
                ROLE,
                "AWS_WEB_IDENTITY_TOKEN_FILE",
                dir.resolve("token").toString()),
            Clock.systemUTC());

    assertThat(source.orElseThrow())
        .isInstanceOfSatisfying(
            WebIdentityCredentials.class, w -> assertThat(w.identity().roleArn()).isEqualTo(ROLE));
  }

  @Test
  void neitherAKeyNorAWebIdentityMakesNoSource() throws Exception {
    assertThat(
            CredentialSource.fromEnvironment(Map.of("AWS_REGION", "eu-west-1"), Clock.systemUTC()))
        .isEmpty();
  }

  @Test
  void aReportIsStoredWithTheSessionTokenOfTheAssumedRole() throws Exception {
    Path token = dir.resolve("token");
    Files.writeString(token, "eyJhbGciOiJSUzI1NiJ9.pod-token.sig");
    try (LoopbackSts sts =
            LoopbackSts.start("ASIAIRSA", "irsa/secret", Instant::now, Duration.ofHours(1));
        LoopbackS3 s3 = LoopbackS3.start("reports", "ASIAIRSA", "irsa/secret", "eu-west-1")) {
      s3.requireSessionToken(LoopbackSts.sessionToken(1));
      CredentialSource source =
          CredentialSource.fromEnvironment(
                  Map.of(
                      "AWS_ROLE_ARN",
                      ROLE,
                      "AWS_WEB_IDENTITY_TOKEN_FILE",
                      token.toString(),
                      "AWS_REGION",
                      "eu-west-1",
                      "AWS_STS_REGIONAL_ENDPOINTS",
                      "regional",
                      "AWS_ENDPOINT_URL_STS",
                      sts.endpoint()),
                  Clock.systemUTC())
              .orElseThrow();
      ObjectStore store = store(s3, "s3://reports/perf", source);

      Optional<String> first =
          store.put(
              "perf/shop/checkout/7f0c/report.json",
              "{}".getBytes(StandardCharsets.UTF_8),
              "application/json");
      Optional<String> second =
          store.put(
              "perf/shop/checkout/7f0c/report.txt",
              "PASS".getBytes(StandardCharsets.UTF_8),
              "text/plain");

      assertThat(first).as(s3.refusals().toString()).isEmpty();
      assertThat(second).as(s3.refusals().toString()).isEmpty();
      assertThat(s3.object("perf/shop/checkout/7f0c/report.json")).isPresent();
      assertThat(sts.exchanges()).as("one exchange serves both PUTs").hasSize(1);
      assertThat(s3.requestHeads())
          .allSatisfy(
              head ->
                  assertThat(head)
                      .contains("X-amz-security-token=[" + LoopbackSts.sessionToken(1) + "]")
                      .doesNotContain("pod-token"));
    }
  }

  @Test
  void aStoreWhoseRoleStsRefusesFailsThePutSayingWhy() throws Exception {
    Path token = dir.resolve("token");
    Files.writeString(token, "eyJhbGciOiJSUzI1NiJ9.pod-token.sig");
    try (LoopbackSts sts = LoopbackSts.start("ASIAIRSA", "s", Instant::now, Duration.ofHours(1));
        LoopbackS3 s3 = LoopbackS3.start("reports", "ASIAIRSA", "s", "eu-west-1")) {
      sts.refuse("AccessDenied", "Not authorized to perform sts:AssumeRoleWithWebIdentity");
      ObjectStore store =
          store(
              s3,
              "s3://reports",
              new WebIdentityCredentials(
                  new WebIdentity(ROLE, token, "s", java.net.URI.create(sts.endpoint())),
                  Clock.systemUTC()));

      Optional<String> failure = store.put("a/report.txt", new byte[0], "text/plain");

      assertThat(failure)
          .hasValueSatisfying(
              why ->
                  assertThat(why)
                      .startsWith(
                          "no credentials to PUT s3://reports/a/report.txt: cannot assume role "
                              + ROLE)
                      .contains(
                          "(AccessDenied: Not authorized to perform sts:AssumeRoleWithWebIdentity)")
                      .doesNotContain("pod-token"));
      assertThat(s3.objects()).isEmpty();
    }
  }
}
