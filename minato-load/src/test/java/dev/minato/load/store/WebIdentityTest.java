package dev.minato.load.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the environment of an IRSA pod configures. */
class WebIdentityTest {

  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-12-01T09:00:00Z"), ZoneOffset.UTC);
  private static final String ROLE = "arn:aws:iam::123456789012:role/reports";
  private static final String FILE = "/var/run/secrets/eks.amazonaws.com/serviceaccount/token";

  private static Map<String, String> irsa(String... more) {
    Map<String, String> environment = new HashMap<>();
    environment.put("AWS_ROLE_ARN", ROLE);
    environment.put("AWS_WEB_IDENTITY_TOKEN_FILE", FILE);
    for (int i = 0; i < more.length; i += 2) {
      environment.put(more[i], more[i + 1]);
    }
    return environment;
  }

  private static URI sts(Map<String, String> environment) throws StoreException {
    return WebIdentity.fromEnvironment(environment, CLOCK).orElseThrow().sts();
  }

  @Test
  void theRoleAndTokenFileMakeAWebIdentity() throws Exception {
    WebIdentity identity = WebIdentity.fromEnvironment(irsa(), CLOCK).orElseThrow();

    assertThat(identity.roleArn()).isEqualTo(ROLE);
    assertThat(identity.tokenFile()).isEqualTo(Path.of(FILE));
    assertThat(identity.sessionName()).isEqualTo("minato-load-" + CLOCK.millis());
  }

  @Test
  void theSessionNameIsTakenFromTheEnvironmentWhenSet() throws Exception {
    assertThat(
            WebIdentity.fromEnvironment(irsa("AWS_ROLE_SESSION_NAME", "reports"), CLOCK)
                .orElseThrow()
                .sessionName())
        .isEqualTo("reports");
  }

  @Test
  void withoutTheRoleOrTheTokenFileThereIsNoWebIdentity() throws Exception {
    assertThat(WebIdentity.fromEnvironment(Map.of("AWS_ROLE_ARN", ROLE), CLOCK)).isEmpty();
    assertThat(WebIdentity.fromEnvironment(Map.of("AWS_WEB_IDENTITY_TOKEN_FILE", FILE), CLOCK))
        .isEmpty();
  }

  @Test
  void theRegionsOwnStsEndpointIsUsedAsEksConfiguresIt() throws Exception {
    assertThat(sts(irsa("AWS_REGION", "eu-west-1", "AWS_STS_REGIONAL_ENDPOINTS", "regional")))
        .isEqualTo(URI.create("https://sts.eu-west-1.amazonaws.com"));
    assertThat(sts(irsa("AWS_DEFAULT_REGION", "us-west-2")))
        .isEqualTo(URI.create("https://sts.us-west-2.amazonaws.com"));
  }

  @Test
  void chinaRegionsHaveTheirOwnDomain() throws Exception {
    assertThat(sts(irsa("AWS_REGION", "cn-north-1")))
        .isEqualTo(URI.create("https://sts.cn-north-1.amazonaws.com.cn"));
  }

  @Test
  void legacyEndpointsOrNoRegionUseTheGlobalEndpoint() throws Exception {
    assertThat(sts(irsa("AWS_REGION", "eu-west-1", "AWS_STS_REGIONAL_ENDPOINTS", "legacy")))
        .isEqualTo(URI.create("https://sts.amazonaws.com"));
    assertThat(sts(irsa())).isEqualTo(URI.create("https://sts.amazonaws.com"));
  }

  @Test
  void theEndpointOverrideWins() throws Exception {
    assertThat(
            sts(irsa("AWS_REGION", "eu-west-1", "AWS_ENDPOINT_URL_STS", "http://127.0.0.1:4566")))
        .isEqualTo(URI.create("http://127.0.0.1:4566"));
  }

  @Test
  void aMalformedEndpointOverrideIsAnInputError() {
    assertThatThrownBy(() -> sts(irsa("AWS_ENDPOINT_URL_STS", "sts.local")))
        .isInstanceOfSatisfying(
            StoreException.class,
            e -> assertThat(e.reason()).isEqualTo(StoreException.Reason.INVALID_INPUT))
        .hasMessage("AWS_ENDPOINT_URL_STS='sts.local': expected an http:// or https:// URL");
  }

  @Test
  void anUnknownRegionalEndpointsModeIsAnInputError() {
    assertThatThrownBy(() -> sts(irsa("AWS_STS_REGIONAL_ENDPOINTS", "global")))
        .hasMessage("AWS_STS_REGIONAL_ENDPOINTS='global': expected regional or legacy");
  }

  @Test
  void roleArnsOfEveryPartitionAreAccepted() throws Exception {
    assertThat(WebIdentity.roleArn(ROLE)).isEqualTo(ROLE);
    assertThat(WebIdentity.roleArn("arn:aws-cn:iam::123456789012:role/team/reports"))
        .endsWith("team/reports");
  }

  @Test
  void somethingElseThanARoleArnIsRefusedWithAnExample() {
    assertThatThrownBy(() -> WebIdentity.roleArn("arn:aws:iam::123456789012:user/ci"))
        .hasMessageContaining("is not an IAM role ARN: expected arn:aws:iam::ACCOUNT:role/NAME");
  }
}
