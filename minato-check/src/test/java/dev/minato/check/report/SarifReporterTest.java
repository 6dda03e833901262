package dev.minato.check.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.InputStream;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SarifReporterTest {

  private static JsonSchema schema;

  @BeforeAll
  static void loadOfficialSchema() throws Exception {
    try (InputStream in =
        SarifReporterTest.class.getResourceAsStream("/sarif/sarif-schema-2.1.0.json")) {
      schema =
          JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4)
              .getSchema(
                  in, SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build());
    }
  }

  private static JsonNode sarif(CheckReport report) throws Exception {
    return new ObjectMapper().readTree(Reports.render(new SarifReporter(), report));
  }

  @Test
  void outputValidatesAgainstTheSarif210Schema() throws Exception {
    Set<ValidationMessage> errors = schema.validate(sarif(Reports.report()));

    assertThat(errors).isEmpty();
  }

  @Test
  void schemaRejectsABrokenLogSoTheValidationMeansSomething() throws Exception {
    JsonNode broken = sarif(Reports.report());
    ((com.fasterxml.jackson.databind.node.ObjectNode)
            broken.path("runs").get(0).path("results").get(0))
        .put("level", "fatal");

    assertThat(schema.validate(broken)).isNotEmpty();
  }

  @Test
  void everyResultHasAPhysicalLocationWithALine() throws Exception {
    JsonNode results = sarif(Reports.report()).path("runs").get(0).path("results");

    assertThat(results.size()).isGreaterThanOrEqualTo(3);
    for (JsonNode result : results) {
      JsonNode physical = result.path("locations").get(0).path("physicalLocation");
      assertThat(physical.path("artifactLocation").path("uri").asText()).isEqualTo("test.yaml");
      assertThat(physical.path("region").path("startLine").asInt()).isPositive();
    }
  }

  @Test
  void suppressedFindingsCarryTheirJustification() throws Exception {
    JsonNode results = sarif(Reports.report()).path("runs").get(0).path("results");

    assertThat(results)
        .filteredOn(r -> r.has("suppressions"))
        .singleElement()
        .satisfies(
            r ->
                assertThat(r.path("suppressions").get(0).path("justification").asText())
                    .isEqualTo("legacy & <cache> (until 2027-01-01)"));
  }

  @Test
  void inputErrorsBecomeNotificationsWithEscapedUris() throws Exception {
    JsonNode invocation = sarif(Reports.report()).path("runs").get(0).path("invocations").get(0);

    assertThat(invocation.path("executionSuccessful").asBoolean()).isFalse();
    assertThat(
            invocation
                .path("toolExecutionNotifications")
                .get(0)
                .at("/locations/0/physicalLocation/artifactLocation/uri")
                .asText())
        .isEqualTo("dir%20with%20space/broken.yaml");
  }
}
