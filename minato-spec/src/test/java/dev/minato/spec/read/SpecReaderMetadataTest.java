package dev.minato.spec.read;

import static org.assertj.core.api.Assertions.assertThat;

import dev.minato.spec.App;
import dev.minato.spec.AppSpec;
import dev.minato.spec.ServiceAccount;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** serviceAccount, annotations, podAnnotations and secretName as the reader binds them. */
class SpecReaderMetadataTest {

  private static final String WEB = SpecReaderDefaultsTest.web("");

  private static List<String> errors(String body) {
    return SpecReaderErrorsTest.errors(SpecReaderDefaultsTest.HEADER + body);
  }

  @Test
  void withoutTheFieldsPodsRunAsTheDefaultAccountAndReadTheAppsSecret() throws Exception {
    AppSpec spec = SpecReaderDefaultsTest.read(WEB).spec();

    assertThat(spec.serviceAccount()).isEmpty();
    assertThat(spec.annotations()).isEmpty();
    assertThat(spec.podAnnotations()).isEmpty();
    assertThat(spec.secretName()).isEqualTo("shop-secrets");
  }

  @Test
  void aCreatedAccountIsNamedAfterTheAppAndMountsNoToken() throws Exception {
    AppSpec spec =
        SpecReaderDefaultsTest.read(
                WEB + "  serviceAccount: {annotations: {eks.amazonaws.com/role-arn: arn}}\n")
            .spec();

    assertThat(spec.serviceAccount())
        .contains(
            new ServiceAccount("shop", true, Map.of("eks.amazonaws.com/role-arn", "arn"), false));
  }

  @Test
  void eachEnvironmentNamesItsOwnSecret() throws Exception {
    App app =
        SpecReaderDefaultsTest.read(
            WEB + "environments:\n  stg: {}\n  prd: {secretName: shop-prd-secrets}\n");

    assertThat(app.environments().get(0).spec().secretName()).isEqualTo("shop-secrets");
    assertThat(app.environments().get(1).spec().secretName()).isEqualTo("shop-prd-secrets");
  }

  @Test
  void rejectsAServiceAccountOfTheWrongTypeOrWithAnUnknownField() {
    assertThat(errors(WEB + "  serviceAccount: shop\n"))
        .containsExactly(
            "minato.yaml:9:19: spec.serviceAccount: expected a mapping of fields, found 'shop'");
    assertThat(errors(WEB + "  serviceAccount: {automountTokens: true}\n"))
        .containsExactly(
            "minato.yaml:9:20: spec.serviceAccount.automountTokens: unknown field"
                + " 'automountTokens', did you mean 'automountToken'?");
    assertThat(errors(WEB + "  serviceAccount: {create: yes please}\n"))
        .singleElement()
        .asString()
        .contains("spec.serviceAccount.create: expected true or false, found 'yes please'");
  }

  @Test
  void anExistingAccountNeedsItsNameAndIsNotAnnotatedByMinato() {
    assertThat(errors(WEB + "  serviceAccount: {create: false}\n"))
        .singleElement()
        .asString()
        .startsWith("minato.yaml:9:19: spec.serviceAccount: name the existing ServiceAccount");
    assertThat(
            errors(WEB + "  serviceAccount: {name: shop, create: false, annotations: {a/b: c}}\n"))
        .singleElement()
        .asString()
        .contains(
            "spec.serviceAccount.annotations: minato annotates only a ServiceAccount it creates");
    assertThat(errors(WEB + "  serviceAccount: {name: Shop_SA}\n"))
        .containsExactly(
            "minato.yaml:9:26: spec.serviceAccount.name: 'Shop_SA' is not a ServiceAccount name");
  }

  @Test
  void rejectsAnnotationKeysThatAreNoKeysOrMinatosOwn() {
    assertThat(errors(WEB + "  annotations: {\"bad key\": x}\n"))
        .singleElement()
        .asString()
        .startsWith("minato.yaml:9:16: spec.annotations: 'bad key' is not an annotation key");
    assertThat(errors(WEB + "  annotations: [a]\n"))
        .containsExactly(
            "minato.yaml:9:16: spec.annotations: expected a mapping of fields, found a list");
    assertThat(errors(WEB + "  podAnnotations: {minato.dev/workers-per-cpu: \"9\"}\n"))
        .singleElement()
        .asString()
        .contains("the minato.dev prefix is minato's own");
  }

  @Test
  void aSuppressionIsAllowedUnlessSecurityAlreadyWritesIt() throws Exception {
    assertThat(
            SpecReaderDefaultsTest.read(
                    WEB
                        + "  annotations: {ignore.minato.dev/memory-limit: \"batch tool, see X-1\"}\n")
                .spec()
                .annotations())
        .containsKey("ignore.minato.dev/memory-limit");
    assertThat(
            errors(
                WEB
                    + "  security: {readOnlyRootFilesystem: false, reason: legacy}\n"
                    + "  annotations: {ignore.minato.dev/read-only-root-fs: mine}\n"))
        .singleElement()
        .asString()
        .contains(
            "spec.annotations: ignore.minato.dev/read-only-root-fs is written by minato from"
                + " spec.security.reason");
  }

  @Test
  void podAnnotationsCannotSetWhatMetricsDerives() {
    assertThat(
            errors(
                WEB
                    + "  metrics: {port: 9090}\n"
                    + "  podAnnotations: {prometheus.io/port: \"9191\"}\n"))
        .singleElement()
        .asString()
        .contains("spec.podAnnotations: prometheus.io/port is written by minato from spec.metrics");
  }

  @Test
  void rejectsASecretNameThatIsNoObjectName() {
    assertThat(errors(WEB + "environments:\n  prd: {secretName: Shop_Secrets}\n"))
        .singleElement()
        .asString()
        .startsWith(
            "minato.yaml:10:21: environments.prd.secretName: 'Shop_Secrets' is not a Secret name")
        .endsWith("e.g. shop-prd-secrets");
  }
}
