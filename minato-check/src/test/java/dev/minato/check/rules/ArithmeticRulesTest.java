package dev.minato.check.rules;

import static dev.minato.check.Fixture.WEB;
import static dev.minato.check.Fixture.check;
import static dev.minato.check.Fixture.messages;
import static org.assertj.core.api.Assertions.assertThat;

import dev.minato.check.Profile;
import dev.minato.check.config.CheckConfig;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class ArithmeticRulesTest {

  private static String startup(int delay, int failures, int period, int livenessDelay) {
    return WEB.replace(
        "livenessProbe: {httpGet: {path: /health, port: http}}",
        "livenessProbe: {httpGet: {path: /health, port: http}, initialDelaySeconds: "
            + livenessDelay
            + "}\n          startupProbe: {httpGet: {port: http}, initialDelaySeconds: "
            + delay
            + ", failureThreshold: "
            + failures
            + ", periodSeconds: "
            + period
            + "}");
  }

  @Test
  void startupBudgetEqualToLivenessWindowPasses() {
    assertThat(messages(startup(0, 6, 10, 60), "startup-budget")).isEmpty();
  }

  @Test
  void startupBudgetOneSecondShortFails() {
    assertThat(messages(startup(0, 59, 1, 60), "startup-budget"))
        .singleElement()
        .asString()
        .contains(
            "allows 59s",
            "initial window is 60s",
            "killed 1s early",
            "failureThreshold to at least 60");
  }

  @Test
  void startupBudgetCountsItsOwnInitialDelay() {
    assertThat(messages(startup(30, 3, 10, 60), "startup-budget")).isEmpty();
    assertThat(messages(startup(29, 3, 10, 60), "startup-budget")).hasSize(1);
  }

  @Test
  void startupBudgetUsesProbeDefaults() {
    String defaults =
        WEB.replace(
            "livenessProbe: {httpGet: {path: /health, port: http}}",
            "livenessProbe: {httpGet: {port: http}, initialDelaySeconds: 31}\n"
                + "          startupProbe: {httpGet: {port: http}}");

    assertThat(messages(defaults, "startup-budget"))
        .singleElement()
        .asString()
        .contains("allows 30s (initialDelaySeconds 0 + failureThreshold 3 × periodSeconds 10)");
  }

  private static String grace(int grace, String preStop) {
    return WEB.replace(
            "terminationGracePeriodSeconds: 30", "terminationGracePeriodSeconds: " + grace)
        .replace("{preStop: {exec: {command: [sleep, \"10\"]}}}", preStop);
  }

  @Test
  void graceExactlyDrainPlusMarginPasses() {
    assertThat(
            messages(
                grace(15, "{preStop: {exec: {command: [sleep, \"10\"]}}}"), "graceful-shutdown"))
        .isEmpty();
  }

  @Test
  void graceOneBelowDrainPlusMarginFails() {
    assertThat(
            messages(
                grace(14, "{preStop: {exec: {command: [sleep, \"10\"]}}}"), "graceful-shutdown"))
        .singleElement()
        .asString()
        .contains(
            "terminationGracePeriodSeconds is 14",
            "drains for 10s",
            "at least 15 (drain 10 + margin 5)");
  }

  @Test
  void graceDefaultsToThirtySeconds() {
    String noGrace =
        WEB.replace("      terminationGracePeriodSeconds: 30\n", "")
            .replace("command: [sleep, \"10\"]", "command: [sleep, \"26\"]");

    assertThat(messages(noGrace, "graceful-shutdown"))
        .singleElement()
        .asString()
        .contains("is 30 (the default)", "at least 31");
  }

  @Test
  void readsNativeSleepAndShellSleep() {
    assertThat(messages(grace(20, "{preStop: {sleep: {seconds: 16}}}"), "graceful-shutdown"))
        .hasSize(1);
    assertThat(messages(grace(20, "{preStop: {sleep: {seconds: 15}}}"), "graceful-shutdown"))
        .isEmpty();
    assertThat(
            messages(
                grace(20, "{preStop: {exec: {command: [/bin/sh, -c, \"sleep 16\"]}}}"),
                "graceful-shutdown"))
        .hasSize(1);
  }

  @Test
  void marginIsConfigurable() {
    CheckConfig noMargin =
        new CheckConfig(
            Profile.DEFAULT,
            java.util.Set.of(),
            java.util.Map.of(),
            java.util.List.of(),
            dev.minato.manifest.nodeport.NodePortRange.DEFAULT,
            CheckConfig.DEFAULT_MAX_WORKERS_PER_CPU,
            0,
            CheckConfig.DEFAULT_PLATFORM_NAMESPACES,
            CheckConfig.DEFAULT_PRODUCTION_ENVIRONMENTS);

    assertThat(
            check(grace(10, "{preStop: {exec: {command: [sleep, \"10\"]}}}"), noMargin).findings())
        .isEmpty();
  }

  @Test
  void servingContainerWithoutPreStopFails() {
    assertThat(
            messages(
                WEB.replace(
                    "          lifecycle: {preStop: {exec: {command: [sleep, \"10\"]}}}\n", ""),
                "graceful-shutdown"))
        .singleElement()
        .asString()
        .contains("has no lifecycle.preStop drain");
  }

  @Test
  void customPreStopHookPassesWithoutArithmetic() {
    assertThat(
            messages(
                grace(1, "{preStop: {httpGet: {path: /drain, port: http}}}"), "graceful-shutdown"))
        .isEmpty();
  }

  private static String pdb(int replicas, String budget) {
    return WEB.replace("replicas: 1", "replicas: " + replicas)
        + "---\napiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata: {name: web}\nspec:\n  "
        + budget
        + "\n  selector: {matchLabels: {app: web}}\n";
  }

  @Test
  void minAvailableEqualToReplicasNeverAllowsEviction() {
    assertThat(messages(pdb(2, "minAvailable: 2"), "pdb-allows-eviction"))
        .singleElement()
        .asString()
        .contains("requires 2 available pods", "of the 2 pods", "minAvailable 1 at most");
  }

  @Test
  void minAvailableOneBelowReplicasAllowsEviction() {
    assertThat(messages(pdb(3, "minAvailable: 2"), "pdb-allows-eviction")).isEmpty();
  }

  @Test
  void percentagesRoundUpLikeTheDisruptionController() {
    assertThat(messages(pdb(3, "minAvailable: 67%"), "pdb-allows-eviction")).hasSize(1);
    assertThat(messages(pdb(3, "minAvailable: 66%"), "pdb-allows-eviction")).isEmpty();
    assertThat(messages(pdb(2, "minAvailable: 100%"), "pdb-allows-eviction")).hasSize(1);
  }

  @Test
  void maxUnavailableZeroNeverAllowsEviction() {
    assertThat(messages(pdb(3, "maxUnavailable: 0"), "pdb-allows-eviction")).hasSize(1);
    assertThat(messages(pdb(3, "maxUnavailable: 0%"), "pdb-allows-eviction")).hasSize(1);
    assertThat(messages(pdb(3, "maxUnavailable: 1"), "pdb-allows-eviction")).isEmpty();
  }

  @Test
  void hpaMinimumIsTheReplicaCountThatMatters() {
    String scaled =
        pdb(5, "minAvailable: 2").replace("  replicas: 5\n", "")
            + "---\napiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata: {name: web}\n"
            + "spec:\n  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}\n"
            + "  minReplicas: 2\n  maxReplicas: 10\n";

    assertThat(messages(scaled, "pdb-allows-eviction"))
        .singleElement()
        .asString()
        .contains("of the 2 pods");
  }

  private static String workers(String env, String cpu, String ratio) {
    String yaml =
        WEB.replace("cpu: 500m", "cpu: " + cpu)
            .replace("          resources:", "          env: " + env + "\n          resources:");
    if (ratio != null) {
      yaml =
          yaml.replace(
              "labels: {app: web}\n    spec:",
              "labels: {app: web}\n      annotations: {minato.dev/workers-per-cpu: \""
                  + ratio
                  + "\"}\n    spec:");
    }
    return yaml;
  }

  @Test
  void workerCountFollowsTheStatedRatio() {
    String env = "[{name: WEB_CONCURRENCY, value: \"3\"}]";
    assertThat(messages(workers(env, "1500m", "2"), "workers-follow-cpu")).isEmpty();
    assertThat(messages(workers(env, "1001m", "2"), "workers-follow-cpu")).isEmpty();
    assertThat(messages(workers(env, "1000m", "2"), "workers-follow-cpu"))
        .singleElement()
        .asString()
        .contains("WEB_CONCURRENCY=3", "ceil(1 × 2) = 2");
  }

  @Test
  void workerCountWithoutRatioStaysWithinTheMaximumPerCore() {
    assertThat(
            messages(
                workers("[{name: WEB_CONCURRENCY, value: \"2\"}]", "500m", null),
                "workers-follow-cpu"))
        .isEmpty();
    assertThat(
            messages(
                workers("[{name: WEB_CONCURRENCY, value: \"3\"}]", "500m", null),
                "workers-follow-cpu"))
        .singleElement()
        .asString()
        .contains("allows 1 to 2");
    assertThat(
            messages(
                workers("[{name: WEB_CONCURRENCY, value: \"0\"}]", "2", null),
                "workers-follow-cpu"))
        .hasSize(1);
  }

  @Test
  void libuvPoolIgnoresTheWorkerRatioButKeepsTheMaximum() {
    assertThat(
            messages(
                workers("[{name: UV_THREADPOOL_SIZE, value: \"4\"}]", "1", "2"),
                "workers-follow-cpu"))
        .isEmpty();
    assertThat(
            messages(
                workers("[{name: UV_THREADPOOL_SIZE, value: \"5\"}]", "1", "2"),
                "workers-follow-cpu"))
        .singleElement()
        .asString()
        .contains("allows 1 to 4");
  }

  @Test
  void maximumWorkersPerCoreIsConfigurable() {
    CheckConfig eight =
        new CheckConfig(
            Profile.DEFAULT,
            java.util.Set.of(),
            java.util.Map.of(),
            java.util.List.of(),
            dev.minato.manifest.nodeport.NodePortRange.DEFAULT,
            new BigDecimal(8),
            5,
            CheckConfig.DEFAULT_PLATFORM_NAMESPACES,
            CheckConfig.DEFAULT_PRODUCTION_ENVIRONMENTS);

    assertThat(
            check(workers("[{name: UV_THREADPOOL_SIZE, value: \"4\"}]", "500m", null), eight)
                .findings())
        .isEmpty();
  }

  @Test
  void gomaxprocsEqualsCoresRoundedUp() {
    assertThat(
            messages(
                workers("[{name: GOMAXPROCS, value: \"2\"}]", "1100m", null), "workers-follow-cpu"))
        .isEmpty();
    assertThat(
            messages(
                workers("[{name: GOMAXPROCS, value: \"1\"}]", "1100m", null), "workers-follow-cpu"))
        .singleElement()
        .asString()
        .contains("GOMAXPROCS=1", "is 2 (ceil(1.1))");
    assertThat(
            messages(
                workers("[{name: GOMAXPROCS, value: \"1\"}]", "250m", null), "workers-follow-cpu"))
        .isEmpty();
  }

  @Test
  void jvmActiveProcessorCountEqualsCoresRoundedUp() {
    assertThat(
            messages(
                workers(
                    "[{name: JAVA_TOOL_OPTIONS, value: \"-Xss1m -XX:ActiveProcessorCount=4\"}]",
                    "2",
                    null),
                "workers-follow-cpu"))
        .singleElement()
        .asString()
        .contains("is 2 (ceil(2))");
  }

  @Test
  void downwardApiValuesAlwaysPass() {
    assertThat(
            messages(
                workers(
                    "[{name: GOMAXPROCS, valueFrom: {resourceFieldRef: {resource: requests.cpu, divisor: \"1\"}}}]",
                    "300m",
                    null),
                "workers-follow-cpu"))
        .isEmpty();
  }
}
