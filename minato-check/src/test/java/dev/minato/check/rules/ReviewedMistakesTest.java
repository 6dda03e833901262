package dev.minato.check.rules;

import static dev.minato.check.Fixture.WEB;
import static dev.minato.check.Fixture.messages;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Mistakes found by comparing check with kube-score's and kube-linter's fixtures: for each, a
 * minimal manifest the fix changes and one that passes.
 */
class ReviewedMistakesTest {

  /** WEB's container without a ports list, probes or drain: a worker, unless traffic reaches it. */
  private static final String PORTLESS =
      WEB.replace("          ports: [{name: http, containerPort: 8080}]\n", "")
          .replace("          readinessProbe: {httpGet: {path: /ready, port: http}}\n", "")
          .replace("          livenessProbe: {httpGet: {path: /health, port: http}}\n", "")
          .replace("          lifecycle: {preStop: {exec: {command: [sleep, \"10\"]}}}\n", "");

  private static String service(String targetPort) {
    return "---\napiVersion: v1\nkind: Service\nmetadata: {name: web}\n"
        + "spec:\n  selector: {app: web}\n  ports: [{port: 80"
        + (targetPort.isEmpty() ? "" : ", targetPort: " + targetPort)
        + "}]\n";
  }

  private static final String METRICS_SERVICE =
      "---\napiVersion: v1\nkind: Service\nmetadata: {name: web-metrics}\n"
          + "spec:\n  selector: {app: web}\n  ports: [{port: 9090, targetPort: metrics}]\n";

  @Test
  void aContainerWithoutPortsServesWhenAServiceSendsItTrafficByNumber() {
    String yaml = PORTLESS + service("8080");
    assertThat(messages(yaml, "readiness-probe"))
        .singleElement()
        .asString()
        .contains("Deployment/web container 'app' serves traffic but has no readinessProbe");
    assertThat(messages(yaml, "liveness-probe")).hasSize(1);
    assertThat(messages(yaml, "graceful-shutdown"))
        .singleElement()
        .asString()
        .contains("has no lifecycle.preStop drain");
  }

  @Test
  void aServicePortWithoutTargetPortSendsTrafficToItsOwnNumber() {
    assertThat(messages(PORTLESS + service(""), "readiness-probe")).hasSize(1);
  }

  @Test
  void aContainerWithoutPortsAndWithoutServiceIsAWorker() {
    assertThat(messages(PORTLESS, "readiness-probe")).isEmpty();
    assertThat(messages(PORTLESS, "graceful-shutdown")).isEmpty();
  }

  @Test
  void aServiceReachingOnlyTheMetricsPortDoesNotMakeAWorkerServe() {
    String worker =
        PORTLESS.replace(
            "          resources:",
            "          ports: [{name: metrics, containerPort: 9090}]\n          resources:");
    assertThat(messages(worker + METRICS_SERVICE, "readiness-probe")).isEmpty();
    assertThat(
            messages(
                worker + METRICS_SERVICE.replace("targetPort: metrics", "targetPort: 9090"),
                "readiness-probe"))
        .isEmpty();
  }

  @Test
  void aProbeOnAUdpPortNeverSucceeds() {
    String udp =
        WEB.replace(
            "ports: [{name: http, containerPort: 8080}]",
            "ports: [{name: http, containerPort: 8080, protocol: UDP}]");
    assertThat(messages(udp, "probe-port"))
        .hasSize(2)
        .allSatisfy(
            m -> assertThat(m).contains("uses port 'http', declared with protocol UDP", "TCP"));
    assertThat(messages(WEB, "probe-port")).isEmpty();
  }

  @Test
  void aPortDeclaredForTcpAndUdpMayBeProbedOverTcp() {
    String both =
        WEB.replace(
            "ports: [{name: http, containerPort: 8080}]",
            "ports: [{name: dns-udp, containerPort: 8080, protocol: UDP},"
                + " {name: http, containerPort: 8080}]");
    assertThat(messages(both.replace("port: http}", "port: 8080}"), "probe-port")).isEmpty();
  }

  private static final String TWO = WEB.replace("replicas: 1", "replicas: 2");

  private static String pdb(String budget) {
    return "---\napiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata: {name: web}\n"
        + "spec:\n"
        + budget
        + "  selector: {matchLabels: {app: web}}\n";
  }

  @Test
  void aPdbWithoutABudgetProtectsNothing() {
    assertThat(messages(TWO + pdb(""), "pdb-present"))
        .singleElement()
        .asString()
        .contains("PodDisruptionBudget/web selects them but sets neither minAvailable");
    assertThat(messages(TWO + pdb("  maxUnavailable: 1\n"), "pdb-present")).isEmpty();
  }

  @Test
  void aPdbWithBothBudgetsIsRejectedAndDoesNotCount() {
    String both = TWO + pdb("  minAvailable: 1\n  maxUnavailable: 1\n");
    assertThat(messages(both, "pdb-present"))
        .singleElement()
        .asString()
        .contains("both minAvailable and maxUnavailable");
    assertThat(messages(both, "pdb-allows-eviction"))
        .singleElement()
        .asString()
        .contains("sets both minAvailable and maxUnavailable; the API server rejects it");
    assertThat(messages(TWO + pdb("  minAvailable: 1\n"), "pdb-allows-eviction")).isEmpty();
  }

  private static String scaledObject(String minReplicaCount) {
    return "---\napiVersion: keda.sh/v1alpha1\nkind: ScaledObject\nmetadata: {name: web}\n"
        + "spec:\n  scaleTargetRef: {name: web}\n"
        + minReplicaCount
        + "  maxReplicaCount: 10\n"
        + "  triggers: [{type: cron, metadata: {timezone: UTC, start: 0 8 * * *, end: 0 18 * * *,"
        + " desiredReplicas: \"5\"}}]\n";
  }

  @Test
  void kedaMinReplicaCountDecidesWhetherAPdbCanAllowAnEviction() {
    String yaml = WEB + scaledObject("  minReplicaCount: 3\n") + pdb("  minAvailable: 2\n");
    assertThat(messages(yaml, "pdb-allows-eviction")).isEmpty();
    assertThat(
            messages(
                WEB + scaledObject("  minReplicaCount: 2\n") + pdb("  minAvailable: 2\n"),
                "pdb-allows-eviction"))
        .singleElement()
        .asString()
        .contains("requires 2 available pods (minAvailable 2) of the 2 pods");
  }

  @Test
  void kedaScaledToZeroIsJudgedAtTheOnePodItRunsWhileActive() {
    assertThat(messages(WEB + scaledObject("") + pdb("  minAvailable: 1\n"), "pdb-allows-eviction"))
        .singleElement()
        .asString()
        .contains("of the 1 pod that Deployment/web", "KEDA scales it to zero when idle");
    assertThat(
            messages(WEB + scaledObject("") + pdb("  maxUnavailable: 1\n"), "pdb-allows-eviction"))
        .isEmpty();
  }

  @Test
  void kedaMinReplicaCountOfTwoNeedsAPdb() {
    assertThat(messages(WEB + scaledObject("  minReplicaCount: 2\n"), "pdb-present"))
        .singleElement()
        .asString()
        .contains("(KEDA minReplicaCount)");
    assertThat(messages(WEB + scaledObject(""), "pdb-present")).isEmpty();
  }

  private static String nodePort(String value) {
    return "---\napiVersion: v1\nkind: Service\nmetadata: {name: web}\n"
        + "spec:\n  type: NodePort\n  selector: {app: web}\n"
        + "  ports: [{port: 80, targetPort: http, nodePort: "
        + value
        + "}]\n";
  }

  @Test
  void aNodePortWrittenAsAStringIsRejected() {
    assertThat(messages(WEB + nodePort("\"30080\""), "nodeport-range"))
        .singleElement()
        .asString()
        .contains("sets nodePort \"30080\", which is not an integer");
    assertThat(messages(WEB + nodePort("\"${PORT}\""), "nodeport-range"))
        .singleElement()
        .asString()
        .contains("\"${PORT}\"");
    assertThat(messages(WEB + nodePort("30080"), "nodeport-range")).isEmpty();
  }

  @Test
  void aTemplateWithoutContainersStillCarriesTheLabelsServicesAndPdbsSelect() {
    String empty =
        WEB.substring(0, WEB.indexOf("      containers:"))
            + "      containers: []\n"
            + service("http")
            + pdb("  maxUnavailable: 1\n");
    assertThat(messages(empty, "selector-match")).isEmpty();
    String missing = WEB.substring(0, WEB.indexOf("      containers:")) + service("http");
    assertThat(messages(missing, "selector-match")).isEmpty();
    assertThat(
            messages(
                missing.replace("selector: {app: web}", "selector: {app: other}"),
                "selector-match"))
        .hasSize(1);
  }
}
