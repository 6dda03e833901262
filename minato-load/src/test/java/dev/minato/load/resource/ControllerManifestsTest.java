package dev.minato.load.resource;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.minato.load.store.S3Location;
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
            new ControllerManifests.Options(
                "minato-system", "img:1", Optional.empty(), Optional.empty()));
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
            new ControllerManifests.Options(
                "minato-system", "img:1", Optional.of("perf"), Optional.empty()));
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
            "configmaps:create",
            "secrets:get",
            "secrets:create");
  }

  @Test
  void theDeploymentSaysItMustNotRunInTwoClustersDuringAMove() {
    // Two controllers, one in each cluster of a move, would each run a copied LoadTest: twice the
    // load it measures, as two copies of its Job would. minato check's portable and strict
    // profiles ask every workload to say so.
    JsonNode deployment =
        ControllerManifests.render(
                new ControllerManifests.Options(
                    "minato-system", "img:1", Optional.empty(), Optional.empty()))
            .get(4);
    assertThat(deployment.path("kind").asText()).isEqualTo("Deployment");
    assertThat(deployment.at("/metadata/labels/minato.dev~1migration-policy").asText())
        .isEqualTo("downtime-ok");
  }

  @Test
  void theControllerCannotListOrDeleteSecretsOrConfigMaps() {
    // A ClusterRole that lists Secrets (or ConfigMaps) reads every one of the cluster: the
    // controller creates a run's client-certificate Secret, scenario and report, and reads back
    // only those, by name, when they exist already; the garbage collector deletes them with their
    // LoadTest.
    assertThat(grants(ControllerManifests.rules()))
        .filteredOn(grant -> grant.startsWith("secrets:") || grant.startsWith("configmaps:"))
        .containsExactlyInAnyOrder(
            "secrets:get", "secrets:create", "configmaps:get", "configmaps:create");
  }

  @Test
  void theWebhookComesFromAnOptionalSecretNotFromTheManifest() {
    JsonNode env =
        ControllerManifests.render(
                new ControllerManifests.Options(
                    "minato-system", "img:1", Optional.empty(), Optional.empty()))
            .get(4)
            .at("/spec/template/spec/containers/0/env/0");
    assertThat(env.path("name").asText()).isEqualTo("MINATO_LOAD_WEBHOOK");
    assertThat(env.at("/valueFrom/secretKeyRef/optional").asBoolean()).isTrue();
  }

  @Test
  void aReportStoreIsPassedAsFlagsWithItsKeyFromASecretNeverInTheManifest() throws Exception {
    S3Location store =
        S3Location.parse(
            "s3://perf-reports/loadtests",
            Optional.of("http://minio.storage:9000"),
            Optional.of("eu-west-1"),
            Optional.empty());
    List<ObjectNode> objects =
        ControllerManifests.render(
            new ControllerManifests.Options(
                "minato-system", "img:1", Optional.empty(), Optional.of(store)));
    JsonNode container = objects.get(4).at("/spec/template/spec/containers/0");
    assertThat(container.path("args").toString())
        .contains(
            "\"--report-store\",\"s3://perf-reports/loadtests\","
                + "\"--report-store-endpoint\",\"http://minio.storage:9000\","
                + "\"--report-store-region\",\"eu-west-1\"");
    List<String> fromSecret = new ArrayList<>();
    for (JsonNode variable : container.path("env")) {
      JsonNode ref = variable.at("/valueFrom/secretKeyRef");
      if (ref.path("name").asText().equals("minato-load-controller-report-store")) {
        fromSecret.add(
            variable.path("name").asText() + (ref.path("optional").asBoolean() ? "?" : ""));
      }
      assertThat(variable.has("value")).as("no literal value in %s", variable).isFalse();
    }
    assertThat(fromSecret)
        .containsExactly("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN?");
    assertThat(grants(objects.get(2).path("rules")))
        .as("the store needs no further RBAC")
        .isEqualTo(grants(ControllerManifests.rules()));
  }

  @Test
  void aReportStoreRoleAnnotatesTheServiceAccountAndReadsNoSecret() throws Exception {
    S3Location store =
        S3Location.parse(
            "s3://perf-reports/loadtests",
            Optional.empty(),
            Optional.of("eu-west-1"),
            Optional.empty());
    String role = "arn:aws:iam::123456789012:role/minato-load-reports";
    List<ObjectNode> objects =
        ControllerManifests.render(
            new ControllerManifests.Options(
                "minato-system", "img:1", Optional.empty(), Optional.of(store), Optional.of(role)));
    assertThat(objects.get(1).at("/metadata/annotations").toString())
        .isEqualTo("{\"eks.amazonaws.com/role-arn\":\"" + role + "\"}");
    JsonNode container = objects.get(4).at("/spec/template/spec/containers/0");
    assertThat(container.path("args").toString())
        .contains("\"--report-store\",\"s3://perf-reports/loadtests\"");
    assertThat(container.path("env").toString())
        .doesNotContain("minato-load-controller-report-store")
        .doesNotContain("AWS_ACCESS_KEY_ID");
    assertThat(objects.get(4).toString()).doesNotContain(role);
  }

  @Test
  void withoutARoleTheServiceAccountHasNoAnnotations() {
    assertThat(
            ControllerManifests.render(
                    new ControllerManifests.Options(
                        "minato-system", "img:1", Optional.empty(), Optional.empty()))
                .get(1)
                .path("metadata")
                .has("annotations"))
        .isFalse();
  }
}
