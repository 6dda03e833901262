package dev.minato.manifest.migration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.minato.manifest.InvalidValueException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MigrationPolicyTest {

  private static JsonNode yaml(String text) throws Exception {
    ObjectMapper mapper = new YAMLMapper();
    return mapper.readTree(text);
  }

  private static final String LABELS = "  labels: {minato.dev/migration-policy: duplicate-ok}\n";

  @Test
  void parsesTheTwoSpellings() throws Exception {
    assertThat(MigrationPolicy.parse("duplicate-ok")).isEqualTo(MigrationPolicy.DUPLICATE_OK);
    assertThat(MigrationPolicy.parse("downtime-ok")).isEqualTo(MigrationPolicy.DOWNTIME_OK);
    assertThatThrownBy(() -> MigrationPolicy.parse("Downtime-OK"))
        .isInstanceOf(InvalidValueException.class)
        .hasMessage(
            "minato.dev/migration-policy 'Downtime-OK' is not a migration policy;"
                + " expected duplicate-ok or downtime-ok");
  }

  @Test
  void readsTheObjectsLabel() throws Exception {
    PolicyReading reading = MigrationPolicy.of(yaml("kind: ConfigMap\nmetadata:\n" + LABELS));

    assertThat(reading)
        .isEqualTo(
            new PolicyReading.Found(
                MigrationPolicy.DUPLICATE_OK, "/metadata/labels/minato.dev~1migration-policy"));
  }

  /** Migration read only metadata.labels; the checker accepted these places too. */
  @Test
  void readsAnnotationsAndThePodTemplateAsTheCheckerDid() throws Exception {
    JsonNode annotated =
        yaml("kind: Job\nmetadata:\n  annotations: {minato.dev/migration-policy: downtime-ok}\n");
    JsonNode template =
        yaml(
            "kind: Deployment\nmetadata: {name: web}\nspec:\n  template:\n    metadata:\n  "
                + "    labels: {minato.dev/migration-policy: downtime-ok}\n");
    JsonNode cronJob =
        yaml(
            "kind: CronJob\nmetadata: {name: etl}\nspec:\n  jobTemplate:\n    spec:\n"
                + "      template:\n        metadata:\n"
                + "          annotations: {minato.dev/migration-policy: downtime-ok}\n");

    assertThat(MigrationPolicy.of(annotated).policy()).contains(MigrationPolicy.DOWNTIME_OK);
    assertThat(MigrationPolicy.of(template).policy()).contains(MigrationPolicy.DOWNTIME_OK);
    assertThat(((PolicyReading.Found) MigrationPolicy.of(template)).pointer())
        .isEqualTo("/spec/template/metadata/labels/minato.dev~1migration-policy");
    assertThat(((PolicyReading.Found) MigrationPolicy.of(cronJob)).pointer())
        .isEqualTo(
            "/spec/jobTemplate/spec/template/metadata/annotations/minato.dev~1migration-policy");
  }

  @Test
  void theObjectsOwnLabelWinsOverItsTemplate() throws Exception {
    JsonNode both =
        yaml(
            "kind: Deployment\nmetadata:\n"
                + LABELS
                + "spec:\n  template:\n    metadata:\n"
                + "      labels: {minato.dev/migration-policy: downtime-ok}\n");

    assertThat(MigrationPolicy.of(both).policy()).contains(MigrationPolicy.DUPLICATE_OK);
  }

  @Test
  void anInvalidValueIsReportedNotPassedOver() throws Exception {
    JsonNode object =
        yaml(
            "kind: Deployment\nmetadata:\n  labels: {minato.dev/migration-policy: maybe}\n"
                + "spec:\n  template:\n    metadata:\n"
                + "      labels: {minato.dev/migration-policy: downtime-ok}\n");

    PolicyReading reading = MigrationPolicy.of(object);

    assertThat(reading).isInstanceOf(PolicyReading.Invalid.class);
    assertThat(reading.policy()).isEmpty();
    assertThat(((PolicyReading.Invalid) reading).message())
        .contains("'maybe' is not a migration policy");
  }

  @Test
  void anObjectThatStatesNothingInheritsItsNamespacesLabel() throws Exception {
    PolicyReading own = MigrationPolicy.of(yaml("kind: Secret\nmetadata: {name: s}\n"));
    Map<String, String> namespace = Map.of(MigrationPolicy.KEY, "downtime-ok");

    assertThat(own).isEqualTo(PolicyReading.ABSENT);
    assertThat(own.or(MigrationPolicy.ofNamespace(namespace)).policy())
        .contains(MigrationPolicy.DOWNTIME_OK);
    assertThat(MigrationPolicy.ofNamespace(Map.of())).isEqualTo(PolicyReading.ABSENT);
  }

  @Test
  void theNamespaceNeverOverridesWhatTheObjectStates() throws Exception {
    PolicyReading own = MigrationPolicy.of(yaml("kind: ConfigMap\nmetadata:\n" + LABELS));

    assertThat(own.or(MigrationPolicy.ofNamespace(Map.of(MigrationPolicy.KEY, "downtime-ok"))))
        .isSameAs(own);
  }

  @Test
  void aPodIsItsOwnTemplate() throws Exception {
    JsonNode pod = yaml("kind: Pod\nmetadata: {name: p}\nspec: {containers: []}\n");

    assertThat(MigrationPolicy.of(pod)).isEqualTo(PolicyReading.ABSENT);
  }
}
