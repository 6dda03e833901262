package dev.minato.load.resource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.minato.load.scenario.ScenarioException;
import dev.minato.load.scenario.ScenarioReader;
import dev.minato.load.scenario.ScenarioSchema;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LoadTestCrdTest {

  private static final JsonNode VERSION = LoadTestCrd.render().path("spec").path("versions").get(0);
  private static final JsonNode SPEC =
      VERSION.path("schema").path("openAPIV3Schema").path("properties").path("spec");

  private static List<String> names(JsonNode properties) {
    List<String> names = new ArrayList<>();
    properties.fieldNames().forEachRemaining(names::add);
    return names;
  }

  @Test
  void theSpecSchemaHasExactlyTheFieldsTheScenarioReaderAccepts() {
    assertThat(names(SPEC.path("properties")))
        .containsExactlyInAnyOrderElementsOf(ScenarioSchema.SPEC.names());
    assertThat(names(SPEC.path("properties").path("requests").path("items").path("properties")))
        .containsExactlyInAnyOrderElementsOf(ScenarioSchema.REQUEST.names());
    assertThat(names(SPEC.path("properties").path("tls").path("properties")))
        .containsExactlyInAnyOrderElementsOf(ScenarioSchema.TLS.names());
    assertThat(SPEC.path("required").get(0).asText()).isEqualTo("target");
  }

  @Test
  void aFieldTheSchemaDoesNotListIsUnknownToTheReader() {
    assertThatThrownBy(
            () ->
                ScenarioReader.read(
                    "t.yaml",
                    """
                    apiVersion: load.minato.dev/v1alpha1
                    kind: LoadTest
                    metadata: {name: t}
                    spec: {target: "http://127.0.0.1:1/", rate: 5/s, duration: 1s, shards: 2}
                    """,
                    null))
        .isInstanceOf(ScenarioException.class)
        .hasMessageContaining("unknown field 'shards'");
  }

  @Test
  void ratesMayBeBareNumbersOrTextAsInTheFile() {
    JsonNode rate = SPEC.path("properties").path("rate");
    assertThat(rate.path("x-kubernetes-int-or-string").asBoolean()).isTrue();
    assertThat(SPEC.path("properties").path("stages").path("items").path("required"))
        .extracting(JsonNode::asText)
        .containsExactly("duration", "rate");
  }

  @Test
  void statusIsASubresourceAndKubectlShowsPhaseVerdictAndAge() {
    assertThat(VERSION.path("subresources").path("status").isObject()).isTrue();
    assertThat(VERSION.path("additionalPrinterColumns"))
        .extracting(c -> c.path("name").asText() + "=" + c.path("jsonPath").asText())
        .containsExactly(
            "Phase=.status.phase", "Verdict=.status.verdict", "Age=.metadata.creationTimestamp");
    ObjectNode crd = LoadTestCrd.render();
    assertThat(crd.path("metadata").path("name").asText()).isEqualTo("loadtests.load.minato.dev");
    assertThat(crd.path("spec").path("names").path("kind").asText()).isEqualTo("LoadTest");
  }

  @Test
  void theFileVersionAndTheResourceVersionReadTheSame() throws Exception {
    String body =
        "metadata: {name: t}\nspec: {target: 'http://127.0.0.1:1/', rate: 5, duration: 1s}\n";
    var file =
        ScenarioReader.read("f", "apiVersion: minato.dev/v1alpha1\nkind: LoadTest\n" + body, null);
    var resource =
        ScenarioReader.read(
            "r", "apiVersion: load.minato.dev/v1alpha1\nkind: LoadTest\n" + body, null);
    assertThat(resource.fingerprint()).isEqualTo(file.fingerprint());
  }
}
