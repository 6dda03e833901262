package dev.minato.check.rules;

import static dev.minato.check.Fixture.WEB;
import static dev.minato.check.Fixture.messages;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Objects of different environments (the dev and prd files of one app, checked in one run) are
 * never related: they go to different clusters or overlays.
 */
class EnvironmentScopeTest {

  private static String env(String yaml, String environment) {
    return yaml.replace(
        "labels: {app: web, ", "labels: {app: web, minato.dev/environment: " + environment + ", ");
  }

  private static final String HPA =
      "---\napiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\n"
          + "metadata: {name: web, labels: {app: web, minato.dev/environment: prd}}\n"
          + "spec:\n  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}\n"
          + "  minReplicas: 1\n  maxReplicas: 10\n";

  @Test
  void anHpaOfOneEnvironmentDoesNotManageTheDeploymentOfAnother() {
    String dev = env(WEB, "dev");
    String prd = "---\n" + env(WEB.replace("  replicas: 1\n", ""), "prd");

    assertThat(messages(dev + prd + HPA, "hpa-replicas-conflict")).isEmpty();
    assertThat(messages(env(WEB, "prd") + HPA, "hpa-replicas-conflict")).hasSize(1);
  }

  private static String service(String environment, int nodePort) {
    return "---\napiVersion: v1\nkind: Service\nmetadata: {name: web, labels: {minato.dev/environment: "
        + environment
        + "}}\nspec:\n  type: NodePort\n  selector: {app: web}\n"
        + "  ports: [{port: 80, targetPort: 8080, nodePort: "
        + nodePort
        + "}]\n";
  }

  @Test
  void oneNodePortMayBeReusedInAnotherEnvironment() {
    assertThat(messages(service("dev", 30080) + service("prd", 30080), "nodeport-unique"))
        .isEmpty();
    assertThat(
            messages(
                service("prd", 30080) + service("prd", 30080).replace("name: web", "name: other"),
                "nodeport-unique"))
        .isNotEmpty();
  }

  @Test
  void aWorkerThatOnlyExposesMetricsIsNotServing() {
    String worker =
        WEB.replace(
            "ports: [{name: http, containerPort: 8080}]",
            "ports: [{name: metrics, containerPort: 9090}]");

    assertThat(messages(worker, "readiness-probe")).isEmpty();
    assertThat(messages(worker, "graceful-shutdown")).isEmpty();
  }
}
