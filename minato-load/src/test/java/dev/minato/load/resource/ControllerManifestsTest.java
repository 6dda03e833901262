package dev.minato.load.resource;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ControllerManifestsTest {

  private static List<String> kinds(List<ObjectNode> objects) {
    return objects.stream().map(o -> o.path("kind").asText()).toList();
  }

  private static List<String> grants(JsonNode rules) {
    List<String> grants = new ArrayList<>();
    for (JsonNode rule : rules) {
      for (JsonNode verb : rule.path("verbs")) {
        grants.add(rule.path("resources").get(0).asText() + ":" + verb.asText());
      }
    }
    return grants;
  }

  @Test
  void watchingEveryNamespaceGetsAClusterRoleBoundToTheServiceAccount() {
    List<ObjectNode> objects =
        ControllerManifests.render(
            new ControllerManifests.Options("minato-system", "img:1", Optional.empty()));
    assertThat(kinds(objects))
        .containsExactly(
            "CustomResourceDefinition",
            "ServiceAccount",
            "ClusterRole",
            "ClusterRoleBinding",
            "Deployment");
    JsonNode subject = objects.get(3).path("subjects").get(0);
    assertThat(subject.path("namespace").asText()).isEqualTo("minato-system");
  }

  @Test
  void watchingOneNamespaceGetsARoleThereAndTheDeploymentSaysWhich() {
    List<ObjectNode> objects =
        ControllerManifests.render(
            new ControllerManifests.Options("minato-system", "img:1", Optional.of("perf")));
    assertThat(kinds(objects)).contains("Role", "RoleBinding").doesNotContain("ClusterRole");
    assertThat(objects.get(2).path("metadata").path("namespace").asText()).isEqualTo("perf");
    JsonNode args = objects.get(4).at("/spec/template/spec/containers/0/args");
    assertThat(args.toString()).contains("\"--namespace\",\"perf\"").contains("\"img:1\"");
  }

  @Test
  void theRulesGrantExactlyTheCallsTheControllerMakesAndNoWildcard() {
    assertThat(grants(ControllerManifests.rules()))
        .containsExactlyInAnyOrder(
            "loadtests:get",
            "loadtests:list",
            "loadtests:watch",
            "loadtests/status:update",
            "jobs:get",
            "jobs:list",
            "jobs:watch",
            "jobs:create",
            "jobs:delete",
            "pods:get",
            "pods:list",
            "pods:watch",
            "pods/log:get",
            "configmaps:get",
            "configmaps:list",
            "configmaps:create",
            "configmaps:delete",
            "secrets:get",
            "secrets:list",
            "secrets:create",
            "secrets:delete");
  }

  @Test
  void theWebhookComesFromAnOptionalSecretNotFromTheManifest() {
    JsonNode env =
        ControllerManifests.render(
                new ControllerManifests.Options("minato-system", "img:1", Optional.empty()))
            .get(4)
            .at("/spec/template/spec/containers/0/env/0");
    assertThat(env.path("name").asText()).isEqualTo("MINATO_LOAD_WEBHOOK");
    assertThat(env.at("/valueFrom/secretKeyRef/optional").asBoolean()).isTrue();
  }
}
