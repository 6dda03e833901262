package dev.minato.render.objects;

import static dev.minato.render.objects.RenderedApp.WEB;
import static dev.minato.render.objects.RenderedApp.render;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;

class PodSchedulingTest {

  private static JsonNode pod(List<ObjectNode> objects, String kind) {
    ObjectNode workload =
        objects.stream()
            .filter(o -> o.path("kind").asText().equals(kind))
            .findFirst()
            .orElseThrow();
    return kind.equals("CronJob")
        ? workload.at("/spec/jobTemplate/spec/template/spec")
        : workload.at("/spec/template/spec");
  }

  @Test
  void aWorkloadOfTwoReplicasSpreadsOverZonesAndNodesAsAPreference() throws Exception {
    JsonNode spread = pod(render(WEB), "Deployment").path("topologySpreadConstraints");

    assertThat(spread).hasSize(2);
    assertThat(spread.get(0).path("topologyKey").asText()).isEqualTo("topology.kubernetes.io/zone");
    assertThat(spread.get(1).path("topologyKey").asText()).isEqualTo("kubernetes.io/hostname");
    for (JsonNode constraint : spread) {
      assertThat(constraint.path("maxSkew").asInt()).isEqualTo(1);
      assertThat(constraint.path("whenUnsatisfiable").asText()).isEqualTo("ScheduleAnyway");
      assertThat(constraint.at("/labelSelector/matchLabels").toString())
          .isEqualTo(
              "{\"app.kubernetes.io/name\":\"shop\",\"app.kubernetes.io/component\":\"web\"}");
      assertThat(constraint.path("matchLabelKeys").toString()).isEqualTo("[\"pod-template-hash\"]");
    }
  }

  @Test
  void aSingleReplicaHasNothingToSpread() throws Exception {
    JsonNode pod = pod(render(WEB + "  replicas: {min: 1}\n"), "Deployment");

    assertThat(pod.has("topologySpreadConstraints")).isFalse();
  }

  @Test
  void anAutoscaledWorkloadThatMayGrowToTwoPodsSpreads() throws Exception {
    JsonNode pod = pod(render(WEB + "  replicas: {min: 1, max: 3}\n"), "Deployment");

    assertThat(pod.path("topologySpreadConstraints")).hasSize(2);
  }

  @Test
  void topologySpreadNoneTurnsTheDefaultOff() throws Exception {
    JsonNode pod = pod(render(WEB + "  topologySpread: none\n"), "Deployment");

    assertThat(pod.has("topologySpreadConstraints")).isFalse();
  }

  @Test
  void aCustomSpreadReplacesTheDefaultEvenForOneReplica() throws Exception {
    JsonNode pod =
        pod(
            render(
                WEB
                    + "  replicas: {min: 1}\n"
                    + "  topologySpread:\n"
                    + "    - {topologyKey: topology.kubernetes.io/zone, maxSkew: 2,"
                    + " whenUnsatisfiable: DoNotSchedule}\n"),
            "Deployment");

    JsonNode spread = pod.path("topologySpreadConstraints");
    assertThat(spread).hasSize(1);
    assertThat(spread.get(0).path("maxSkew").asInt()).isEqualTo(2);
    assertThat(spread.get(0).path("whenUnsatisfiable").asText()).isEqualTo("DoNotSchedule");
  }

  @Test
  void nodeSelectorTolerationsAndPriorityReachEveryPodOfTheApp() throws Exception {
    List<ObjectNode> objects =
        render(
            WEB
                + "  nodeSelector: {node.kubernetes.io/pool: general}\n"
                + "  tolerations:\n"
                + "    - {key: dedicated, operator: Equal, value: shop, effect: NoSchedule}\n"
                + "    - {key: node.kubernetes.io/unreachable, operator: Exists,"
                + " effect: NoExecute, tolerationSeconds: 60}\n"
                + "  priorityClassName: business-critical\n"
                + "  jobs: [{name: report, schedule: '@daily'}]\n");

    for (String kind : List.of("Deployment", "CronJob")) {
      JsonNode pod = pod(objects, kind);
      assertThat(pod.at("/nodeSelector/node.kubernetes.io~1pool").asText()).isEqualTo("general");
      assertThat(pod.path("tolerations").toString())
          .isEqualTo(
              "[{\"key\":\"dedicated\",\"operator\":\"Equal\",\"value\":\"shop\","
                  + "\"effect\":\"NoSchedule\"},{\"key\":\"node.kubernetes.io/unreachable\","
                  + "\"operator\":\"Exists\",\"effect\":\"NoExecute\",\"tolerationSeconds\":60}]");
      assertThat(pod.path("priorityClassName").asText()).isEqualTo("business-critical");
    }
    assertThat(pod(objects, "CronJob").has("topologySpreadConstraints")).isFalse();
  }
}
