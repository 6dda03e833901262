package dev.minato.check.rules;

import static dev.minato.check.Fixture.WEB;
import static dev.minato.check.Fixture.check;
import static dev.minato.check.Fixture.messages;
import static org.assertj.core.api.Assertions.assertThat;

import dev.minato.check.config.CheckConfig;
import dev.minato.manifest.nodeport.NodePortRange;
import org.junit.jupiter.api.Test;

class RelationRulesTest {

  private static final String PDB =
      "---\napiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata: {name: web}\n"
          + "spec:\n  maxUnavailable: 1\n  selector: {matchLabels: {app: web}}\n";

  private static String hpa(String metrics) {
    return "---\napiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata: {name: web}\n"
        + "spec:\n  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}\n"
        + "  minReplicas: 2\n  maxReplicas: 10\n"
        + metrics;
  }

  private static final String CPU_METRIC =
      "  metrics: [{type: Resource, resource: {name: cpu, target: {type: Utilization, averageUtilization: 70}}}]\n";

  @Test
  void twoReplicasNeedAPdb() {
    assertThat(messages(WEB.replace("replicas: 1", "replicas: 2"), "pdb-present"))
        .singleElement()
        .asString()
        .contains("runs at least 2 pods (replicas)");
    assertThat(messages(WEB.replace("replicas: 1", "replicas: 2") + PDB, "pdb-present")).isEmpty();
  }

  @Test
  void oneReplicaNeedsNoPdb() {
    assertThat(messages(WEB, "pdb-present")).isEmpty();
  }

  @Test
  void hpaMinimumOfTwoNeedsAPdb() {
    String scaled = WEB.replace("  replicas: 1\n", "") + hpa(CPU_METRIC);
    assertThat(messages(scaled, "pdb-present"))
        .singleElement()
        .asString()
        .contains("(HPA minReplicas)");
  }

  @Test
  void pdbInAnotherNamespaceDoesNotCount() {
    String yaml =
        WEB.replace("replicas: 1", "replicas: 2")
            + PDB.replace("metadata: {name: web}", "metadata: {name: web, namespace: other}");
    assertThat(messages(yaml, "pdb-present")).hasSize(1);
  }

  @Test
  void hpaOnCpuNeedsCpuRequests() {
    String yaml =
        WEB.replace("  replicas: 1\n", "").replace("cpu: 500m, ", "") + hpa(CPU_METRIC) + PDB;
    assertThat(messages(yaml, "hpa-cpu-request"))
        .singleElement()
        .asString()
        .contains("HorizontalPodAutoscaler/web scales on cpu utilization", "requests no cpu");
    assertThat(
            messages(WEB.replace("  replicas: 1\n", "") + hpa(CPU_METRIC) + PDB, "hpa-cpu-request"))
        .isEmpty();
  }

  @Test
  void hpaOnMemoryNeedsMemoryRequests() {
    String memory =
        "  metrics: [{type: Resource, resource: {name: memory, target: {type: Utilization, averageUtilization: 80}}}]\n";
    String yaml =
        WEB.replace("  replicas: 1\n", "").replace(", memory: 128Mi}, limits", "}, limits")
            + hpa(memory)
            + PDB;
    assertThat(messages(yaml, "hpa-cpu-request"))
        .singleElement()
        .asString()
        .contains("memory utilization");
  }

  @Test
  void autoscalingV1TargetCpuNeedsCpuRequests() {
    String v1 =
        "---\napiVersion: autoscaling/v1\nkind: HorizontalPodAutoscaler\nmetadata: {name: web}\n"
            + "spec:\n  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}\n"
            + "  maxReplicas: 3\n  targetCPUUtilizationPercentage: 60\n";
    assertThat(
            messages(
                WEB.replace("  replicas: 1\n", "").replace("cpu: 500m, ", "") + v1,
                "hpa-cpu-request"))
        .hasSize(1);
  }

  @Test
  void replicasConflictWithHpa() {
    assertThat(
            messages(
                WEB.replace("replicas: 1", "replicas: 3") + hpa(CPU_METRIC) + PDB,
                "hpa-replicas-conflict"))
        .singleElement()
        .asString()
        .contains(
            "sets replicas: 3 while HorizontalPodAutoscaler/web manages it (minReplicas 2, maxReplicas 10)");
    assertThat(
            messages(
                WEB.replace("  replicas: 1\n", "") + hpa(CPU_METRIC) + PDB,
                "hpa-replicas-conflict"))
        .isEmpty();
  }

  @Test
  void serviceMustSelectPods() {
    String service =
        "---\napiVersion: v1\nkind: Service\nmetadata: {name: web}\n"
            + "spec:\n  selector: {app: web}\n  ports: [{port: 80, targetPort: http}]\n";
    assertThat(messages(WEB + service, "selector-match")).isEmpty();
    assertThat(messages(WEB + service.replace("app: web}", "app: wbe}"), "selector-match"))
        .singleElement()
        .asString()
        .contains("selects pods with app=wbe", "no endpoints");
  }

  @Test
  void serviceWithoutSelectorIsLeftAlone() {
    String external =
        "apiVersion: v1\nkind: Service\nmetadata: {name: db}\nspec:\n  ports: [{port: 5432}]\n";
    assertThat(messages(external, "selector-match")).isEmpty();
  }

  @Test
  void pdbMustSelectPodsWithExpressions() {
    String pdb =
        "---\napiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata: {name: web}\n"
            + "spec:\n  maxUnavailable: 1\n  selector: {matchExpressions: [{key: app, operator: In, values: [web, api]}]}\n";
    assertThat(messages(WEB + pdb, "selector-match")).isEmpty();
    assertThat(messages(WEB + pdb.replace("operator: In", "operator: NotIn"), "selector-match"))
        .singleElement()
        .asString()
        .contains("protects nothing");
  }

  /** An unknown operator used to match nothing silently; the API server refuses the PDB. */
  @Test
  void pdbWithAnOperatorTheApiServerRefusesIsReportedAsSuch() {
    String pdb =
        "---\napiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata: {name: web}\n"
            + "spec:\n  maxUnavailable: 1\n  selector: {matchExpressions: [{key: app, operator: in, values: [web]}]}\n";
    assertThat(messages(WEB + pdb, "selector-match"))
        .singleElement()
        .asString()
        .contains("has a selector the API server refuses: 'in' is not a selector operator");
  }

  @Test
  void hpaMustTargetAnObjectInTheInput() {
    assertThat(
            messages(WEB.replace("  replicas: 1\n", "") + hpa(CPU_METRIC) + PDB, "selector-match"))
        .isEmpty();
    assertThat(messages(hpa(CPU_METRIC).replace("name: web}", "name: api}"), "selector-match"))
        .singleElement()
        .asString()
        .contains("targets Deployment/api");
  }

  private static String nodePort(String name, String namespace, int port) {
    return "---\napiVersion: v1\nkind: Service\nmetadata: {name: "
        + name
        + ", namespace: "
        + namespace
        + "}\nspec:\n  type: NodePort\n  ports: [{port: 80, nodePort: "
        + port
        + "}]\n";
  }

  @Test
  void nodePortsAtTheRangeBoundsPass() {
    assertThat(messages(nodePort("a", "x", 30000) + nodePort("b", "x", 32767), "nodeport-range"))
        .isEmpty();
  }

  @Test
  void nodePortsJustOutsideTheRangeFail() {
    assertThat(messages(nodePort("a", "x", 29999) + nodePort("b", "x", 32768), "nodeport-range"))
        .hasSize(2)
        .allSatisfy(
            message -> assertThat(message).contains("outside the clusters' range 30000-32767"));
  }

  @Test
  void nodePortRangeIsConfigurable() {
    CheckConfig narrow = CheckConfig.defaults().withNodePortRange(new NodePortRange(31000, 31999));
    assertThat(check(nodePort("a", "x", 30500), narrow).findings())
        .singleElement()
        .satisfies(f -> assertThat(f.message()).contains("range 31000-31999"));
  }

  @Test
  void sameNodePortInTwoNamespacesCollides() {
    assertThat(messages(nodePort("a", "x", 30080) + nodePort("b", "y", 30080), "nodeport-unique"))
        .hasSize(2)
        .anySatisfy(
            message ->
                assertThat(message)
                    .contains(
                        "Service/x/a claims NodePort 30080 (TCP), also claimed by Service/y/b"));
    assertThat(messages(nodePort("a", "x", 30080) + nodePort("b", "y", 30081), "nodeport-unique"))
        .isEmpty();
  }
}
