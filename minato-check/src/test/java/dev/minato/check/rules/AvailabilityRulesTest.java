package dev.minato.check.rules;

import static dev.minato.check.Fixture.WEB;
import static dev.minato.check.Fixture.check;
import static dev.minato.check.Fixture.findings;
import static dev.minato.check.Fixture.messages;
import static dev.minato.check.rules.RuleTexts.after;
import static dev.minato.check.rules.RuleTexts.at;
import static dev.minato.check.rules.RuleTexts.suppressed;
import static dev.minato.check.rules.RuleTexts.suppressing;
import static org.assertj.core.api.Assertions.assertThat;

import dev.minato.check.Finding;
import dev.minato.check.Profile;
import dev.minato.check.config.CheckConfig;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Rules about staying up: replicas in production, spreading them, rolling out without a gap. */
class AvailabilityRulesTest {

  private static final String SERVICE =
      "---\napiVersion: v1\nkind: Service\nmetadata:\n  name: web\n"
          + "spec:\n  selector: {app: web}\n  ports: [{name: http, port: 80, targetPort: http}]\n";

  private static final String OBJECT_LABELS =
      "  labels: {app: web, minato.dev/migration-policy: duplicate-ok}";

  private static String labelled(String yaml, String label) {
    return yaml.replace(
        OBJECT_LABELS,
        "  labels: {app: web, minato.dev/migration-policy: duplicate-ok, " + label + "}");
  }

  private static String hpa(int min, int max) {
    return "---\napiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata: {name: web}\n"
        + "spec:\n  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}\n"
        + "  minReplicas: "
        + min
        + "\n  maxReplicas: "
        + max
        + "\n";
  }

  private static final String PDB =
      "---\napiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata: {name: web}\n"
          + "spec:\n  maxUnavailable: 1\n  selector: {matchLabels: {app: web}}\n";

  /** WEB with extra lines in its pod spec. */
  private static String podSpec(String yaml, String lines) {
    return yaml.replace(
        "      terminationGracePeriodSeconds: 30",
        "      terminationGracePeriodSeconds: 30\n" + lines.stripTrailing());
  }

  // production-replicas

  @Test
  void singleReplicaBehindAServiceInProductionIsReportedAtReplicas() {
    // minato relates objects of one environment only, so the Service carries the label too.
    String yaml =
        labelled(WEB, "minato.dev/environment: prd")
            + SERVICE.replace(
                "  name: web\n", "  name: web\n  labels: {minato.dev/environment: prd}\n");

    assertThat(findings(yaml, "production-replicas"))
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.message())
                  .isEqualTo(
                      "Deployment/web serves behind a Service in minato.dev/environment=prd but"
                          + " runs a single pod (replicas 1); every node drain, eviction or crash"
                          + " is an outage. Run 2 or more");
              assertThat(at(f)).isEqualTo(after(yaml, "  replicas: "));
            });
  }

  @Test
  void commonEnvironmentLabelsOnThePodTemplateCount() {
    String yaml =
        WEB.replace("      labels: {app: web}", "      labels: {app: web, env: Production}")
            + SERVICE;

    assertThat(messages(yaml, "production-replicas"))
        .singleElement()
        .asString()
        .contains("in env=Production");
  }

  @Test
  void otherEnvironmentsTwoReplicasAndWorkloadsWithoutAServicePass() {
    assertThat(findings(labelled(WEB, "environment: staging") + SERVICE, "production-replicas"))
        .isEmpty();
    assertThat(
            findings(
                labelled(WEB.replace("replicas: 1", "replicas: 2"), "environment: prod")
                    + SERVICE
                    + PDB,
                "production-replicas"))
        .isEmpty();
    assertThat(findings(labelled(WEB, "environment: prod"), "production-replicas")).isEmpty();
    assertThat(
            findings(
                labelled(WEB.replace("replicas: 1", "replicas: 0"), "environment: prod") + SERVICE,
                "production-replicas"))
        .isEmpty();
  }

  @Test
  void autoscaledWorkloadsAreJudgedByTheirMinimum() {
    String scaled = labelled(WEB.replace("  replicas: 1\n", ""), "environment: production");

    assertThat(messages(scaled + SERVICE + hpa(1, 5), "production-replicas"))
        .singleElement()
        .asString()
        .contains("runs a single pod (HPA minReplicas 1)");
    assertThat(messages(scaled + SERVICE + hpa(2, 5) + PDB, "production-replicas")).isEmpty();
    String keda =
        "---\napiVersion: keda.sh/v1alpha1\nkind: ScaledObject\nmetadata: {name: web}\n"
            + "spec:\n  scaleTargetRef: {name: web}\n  triggers: [{type: cron}]\n";
    assertThat(messages(scaled + SERVICE + keda, "production-replicas"))
        .singleElement()
        .asString()
        .contains("runs no pod when idle and one when active (KEDA minReplicaCount 0)");
  }

  @Test
  void productionEnvironmentsAreConfigurable() {
    CheckConfig live =
        CheckConfig.defaults()
            .withProfile(Profile.STRICT)
            .withProductionEnvironments(Set.of("live"));

    assertThat(check(labelled(WEB, "environment: live") + SERVICE, live).findings())
        .extracting(Finding::ruleId)
        .contains("production-replicas");
    assertThat(check(labelled(WEB, "environment: prd") + SERVICE, live).findings())
        .extracting(Finding::ruleId)
        .doesNotContain("production-replicas");
  }

  @Test
  void productionReplicasFindingIsSuppressedByItsAnnotation() {
    String yaml =
        suppressing(labelled(WEB, "environment: prod"), "production-replicas", "  name: web")
            + SERVICE;

    assertThat(findings(yaml, "production-replicas")).isEmpty();
    assertThat(suppressed(yaml)).containsExactly("production-replicas");
  }

  // replicas-spread

  @Test
  void twoReplicasWithoutSpreadAreReportedAtThePodSpec() {
    String yaml = WEB.replace("replicas: 1", "replicas: 2") + PDB;

    assertThat(findings(yaml, "replicas-spread"))
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.message())
                  .startsWith(
                      "Deployment/web may run 2 pods (replicas) but no topologySpreadConstraints"
                          + " or podAntiAffinity term selects them");
              assertThat(at(f)).isEqualTo(after(yaml, "    spec:\n      "));
            });
  }

  @Test
  void topologySpreadOrAntiAffinityOverTheOwnPodsPasses() {
    String two = WEB.replace("replicas: 1", "replicas: 2") + PDB;
    String spread =
        "      topologySpreadConstraints:\n"
            + "        - {maxSkew: 1, topologyKey: kubernetes.io/hostname,"
            + " whenUnsatisfiable: ScheduleAnyway, labelSelector: {matchLabels: {app: web}}}\n";
    String preferred =
        "      affinity:\n        podAntiAffinity:\n"
            + "          preferredDuringSchedulingIgnoredDuringExecution:\n"
            + "            - weight: 100\n              podAffinityTerm:\n"
            + "                topologyKey: kubernetes.io/hostname\n"
            + "                labelSelector: {matchExpressions: [{key: app, operator: In, values: [web]}]}\n";
    String required =
        "      affinity:\n        podAntiAffinity:\n"
            + "          requiredDuringSchedulingIgnoredDuringExecution:\n"
            + "            - {topologyKey: kubernetes.io/hostname, labelSelector: {matchLabels: {app: web}}}\n";

    assertThat(findings(podSpec(two, spread), "replicas-spread")).isEmpty();
    assertThat(findings(podSpec(two, preferred), "replicas-spread")).isEmpty();
    assertThat(findings(podSpec(two, required), "replicas-spread")).isEmpty();
  }

  @Test
  void spreadThatSelectsOtherPodsOrNoneDoesNotCount() {
    String two = WEB.replace("replicas: 1", "replicas: 2") + PDB;

    assertThat(
            findings(
                podSpec(
                    two,
                    "      topologySpreadConstraints:\n"
                        + "        - {maxSkew: 1, topologyKey: zone, whenUnsatisfiable: ScheduleAnyway,"
                        + " labelSelector: {matchLabels: {app: api}}}\n"
                        + "        - {maxSkew: 1, topologyKey: zone, whenUnsatisfiable: ScheduleAnyway}\n"),
                "replicas-spread"))
        .hasSize(1);
  }

  @Test
  void anAutoscalerThatMayScaleOutCountsAndOneReplicaPasses() {
    assertThat(messages(WEB.replace("  replicas: 1\n", "") + hpa(1, 3), "replicas-spread"))
        .singleElement()
        .asString()
        .contains("may run 3 pods (HPA maxReplicas)");
    assertThat(findings(WEB, "replicas-spread")).isEmpty();
    assertThat(findings(WEB.replace("  replicas: 1\n", "") + hpa(1, 1), "replicas-spread"))
        .isEmpty();
  }

  @Test
  void replicasSpreadFindingIsSuppressedByItsAnnotation() {
    String yaml =
        suppressing(WEB.replace("replicas: 1", "replicas: 3"), "replicas-spread", "  name: web")
            + PDB;

    assertThat(findings(yaml, "replicas-spread")).isEmpty();
    assertThat(suppressed(yaml)).containsExactly("replicas-spread");
  }

  // rolling-update

  private static String recreate(String yaml) {
    return yaml.replace("  replicas: 1\n", "  replicas: 1\n  strategy: {type: Recreate}\n");
  }

  @Test
  void recreateOnAServingDeploymentIsReportedAtTheStrategyType() {
    String yaml = recreate(WEB);

    assertThat(findings(yaml, "rolling-update"))
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.message())
                  .isEqualTo(
                      "Deployment/web serves traffic (container 'app') but rolls out with"
                          + " Recreate, which stops every pod before starting new ones: each"
                          + " deploy is an outage. Use RollingUpdate (maxUnavailable: 0)");
              assertThat(at(f)).isEqualTo(after(yaml, "strategy: {type: "));
            });
  }

  @Test
  void recreateOnAWorkerOrWithAPersistentVolumeClaimPasses() {
    String worker =
        recreate(WEB)
            .replace("          ports: [{name: http, containerPort: 8080}]\n", "")
            .replace("          readinessProbe: {httpGet: {path: /ready, port: http}}\n", "")
            .replace("          livenessProbe: {httpGet: {path: /health, port: http}}\n", "");
    assertThat(findings(worker, "rolling-update")).isEmpty();
    assertThat(
            findings(
                podSpec(
                    recreate(WEB),
                    "      volumes: [{name: data, persistentVolumeClaim: {claimName: data}}]\n"),
                "rolling-update"))
        .isEmpty();
    assertThat(findings(WEB, "rolling-update")).isEmpty();
  }

  @Test
  void rollingUpdateFindingIsSuppressedByItsAnnotation() {
    String yaml = suppressing(recreate(WEB), "rolling-update", "  name: web");

    assertThat(findings(yaml, "rolling-update")).isEmpty();
    assertThat(suppressed(yaml)).containsExactly("rolling-update");
  }
}
