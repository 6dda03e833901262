package dev.minato.render.objects;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.minato.spec.App;
import dev.minato.spec.read.SpecReader;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AppRendererTest {

  private static final String HEADER =
      "apiVersion: minato.dev/v1\nkind: App\nmetadata: {name: shop, team: web}\nspec:\n";
  private static final String WEB =
      "  image: shop:1.0\n  port: 8080\n  resources: {cpu: 500m, memory: 256Mi}\n";

  static List<ObjectNode> render(String spec) throws Exception {
    App app = SpecReader.read("minato.yaml", HEADER + spec).get(0);
    return AppRenderer.render(app, app.spec());
  }

  static ObjectNode find(List<ObjectNode> objects, String kind) {
    return objects.stream()
        .filter(o -> o.path("kind").asText().equals(kind))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + kind + " in " + objects));
  }

  private static Optional<ObjectNode> maybe(List<ObjectNode> objects, String kind) {
    return objects.stream().filter(o -> o.path("kind").asText().equals(kind)).findFirst();
  }

  static JsonNode container(ObjectNode workload) {
    return workload.at("/spec/template/spec/containers/0");
  }

  private static JsonNode env(JsonNode container, String name) {
    for (JsonNode var : container.path("env")) {
      if (var.path("name").asText().equals(name)) {
        return var;
      }
    }
    return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
  }

  @Test
  void aWebAppGetsAServiceADeploymentAndABudget() throws Exception {
    assertThat(render(WEB))
        .extracting(o -> o.path("kind").asText())
        .containsExactly(
            "Service", "Deployment", "PodDisruptionBudget", "ConfigMap"); // the dashboard last
  }

  @Test
  void theGracePeriodCoversTheDrainAndTheAppsShutdownWithAMargin() throws Exception {
    ObjectNode deployment =
        find(render(WEB + "  shutdown: {drainSeconds: 15, timeoutSeconds: 30}\n"), "Deployment");

    assertThat(deployment.at("/spec/template/spec/terminationGracePeriodSeconds").asInt())
        .isEqualTo(50);
    assertThat(container(deployment).at("/lifecycle/preStop/exec/command").toString())
        .isEqualTo("[\"sleep\",\"15\"]");
  }

  @Test
  void theNativeSleepActionCanReplaceTheExecDrain() throws Exception {
    ObjectNode deployment =
        find(render(WEB + "  shutdown: {preStop: sleepAction}\n"), "Deployment");

    assertThat(container(deployment).at("/lifecycle/preStop/sleep/seconds").asInt()).isEqualTo(10);
    assertThat(container(deployment).at("/lifecycle/preStop/exec").isMissingNode()).isTrue();
  }

  @Test
  void probesReachTheAppOnItsOwnPort() throws Exception {
    JsonNode c =
        container(
            find(render(WEB + "  health: {liveness: /live, readiness: /ready}\n"), "Deployment"));

    assertThat(c.at("/readinessProbe/httpGet/path").asText()).isEqualTo("/ready");
    assertThat(c.at("/livenessProbe/httpGet/path").asText()).isEqualTo("/live");
    assertThat(c.at("/livenessProbe/httpGet/port").asText()).isEqualTo("http");
    assertThat(c.at("/ports/0/containerPort").asInt()).isEqualTo(8080);
    assertThat(c.has("startupProbe")).isFalse();
  }

  @Test
  void aSeparateHealthPortIsDeclaredAndProbed() throws Exception {
    JsonNode c = container(find(render(WEB + "  health: {port: 8081}\n"), "Deployment"));

    assertThat(c.at("/ports/1/name").asText()).isEqualTo("health");
    assertThat(c.at("/ports/1/containerPort").asInt()).isEqualTo(8081);
    assertThat(c.at("/readinessProbe/httpGet/port").asText()).isEqualTo("health");
  }

  @Test
  void theStartupProbeBudgetCoversTheStartupSeconds() throws Exception {
    JsonNode c = container(find(render(WEB + "  health: {startupSeconds: 92}\n"), "Deployment"));

    int window =
        c.at("/startupProbe/failureThreshold").asInt()
            * c.at("/startupProbe/periodSeconds").asInt();
    assertThat(window).isBetween(92, 96);
  }

  @Test
  void anAutoscaledDeploymentLeavesTheReplicaCountToTheHpa() throws Exception {
    List<ObjectNode> objects = render(WEB + "  replicas: {min: 2, max: 6, cpuUtilization: 60}\n");

    assertThat(find(objects, "Deployment").at("/spec").has("replicas")).isFalse();
    ObjectNode hpa = find(objects, "HorizontalPodAutoscaler");
    assertThat(hpa.at("/spec/minReplicas").asInt()).isEqualTo(2);
    assertThat(hpa.at("/spec/maxReplicas").asInt()).isEqualTo(6);
    assertThat(hpa.at("/spec/metrics/0/resource/target/averageUtilization").asInt()).isEqualTo(60);
    assertThat(hpa.at("/spec/scaleTargetRef/name").asText()).isEqualTo("shop");
  }

  @Test
  void aSinglePodGetsNoBudgetBecauseItCouldOnlyBlockDrains() throws Exception {
    List<ObjectNode> objects = render(WEB + "  replicas: {min: 1}\n");

    assertThat(maybe(objects, "PodDisruptionBudget")).isEmpty();
    assertThat(find(objects, "Deployment").at("/spec/replicas").asInt()).isEqualTo(1);
  }

  @Test
  void theBudgetAcceptsAPercentage() throws Exception {
    ObjectNode pdb =
        find(render(WEB + "  disruption: {maxUnavailable: '25%'}\n"), "PodDisruptionBudget");

    assertThat(pdb.at("/spec/maxUnavailable").asText()).isEqualTo("25%");
  }

  @Test
  void theWorkerCountFollowsTheCpuRequestAndTheRequestIsExposed() throws Exception {
    ObjectNode deployment =
        find(render(WEB.replace("500m", "1500m") + "  workers: {perCpu: 2}\n"), "Deployment");

    assertThat(env(container(deployment), "WEB_CONCURRENCY").path("value").asText()).isEqualTo("3");
    assertThat(
            env(container(deployment), "MINATO_CPU_REQUEST")
                .at("/valueFrom/resourceFieldRef/resource")
                .asText())
        .isEqualTo("requests.cpu");
    assertThat(
            deployment
                .at("/spec/template/metadata/annotations/minato.dev~1workers-per-cpu")
                .asText())
        .isEqualTo("2");
  }

  @Test
  void goAndJavaRuntimesLearnTheirCpuCount() throws Exception {
    JsonNode go = container(find(render(WEB + "  runtime: go\n"), "Deployment"));
    JsonNode java =
        container(find(render(WEB.replace("500m", "1500m") + "  runtime: java\n"), "Deployment"));

    assertThat(env(go, "GOMAXPROCS").at("/valueFrom/resourceFieldRef/divisor").asText())
        .isEqualTo("1");
    assertThat(env(java, "JAVA_TOOL_OPTIONS").path("value").asText())
        .contains("-XX:ActiveProcessorCount=2");
  }

  @Test
  void containersRunHardenedWithAWritableTmp() throws Exception {
    ObjectNode deployment = find(render(WEB), "Deployment");
    JsonNode security = container(deployment).path("securityContext");

    assertThat(security.path("readOnlyRootFilesystem").asBoolean()).isTrue();
    assertThat(security.path("allowPrivilegeEscalation").asBoolean()).isFalse();
    assertThat(security.path("runAsNonRoot").asBoolean()).isTrue();
    assertThat(security.at("/capabilities/drop/0").asText()).isEqualTo("ALL");
    assertThat(deployment.at("/spec/template/spec/securityContext/seccompProfile/type").asText())
        .isEqualTo("RuntimeDefault");
    assertThat(container(deployment).at("/volumeMounts/0/mountPath").asText()).isEqualTo("/tmp");
    assertThat(deployment.at("/spec/template/spec/volumes/0/emptyDir").isObject()).isTrue();
  }

  @Test
  void aRelaxedDefaultIsExplainedToTheChecker() throws Exception {
    ObjectNode deployment =
        find(
            render(WEB + "  security: {readOnlyRootFilesystem: false, reason: writes its cache}\n"),
            "Deployment");

    assertThat(container(deployment).at("/securityContext/readOnlyRootFilesystem").asBoolean())
        .isFalse();
    assertThat(deployment.at("/metadata/annotations/ignore.minato.dev~1read-only-root-fs").asText())
        .isEqualTo("writes its cache (relaxed in minato.yaml)");
  }

  @Test
  void aWorkerHasNoServiceNoProbesAndNoDrain() throws Exception {
    List<ObjectNode> objects = render("  image: w:1\n  resources: {cpu: 1, memory: 1Gi}\n");

    assertThat(objects)
        .extracting(o -> o.path("kind").asText())
        .containsExactly("Deployment", "ConfigMap");
    JsonNode c = container(objects.get(0));
    assertThat(c.has("readinessProbe") || c.has("livenessProbe") || c.has("lifecycle")).isFalse();
    assertThat(objects.get(0).at("/metadata/labels/app.kubernetes.io~1component").asText())
        .isEqualTo("worker");
  }

  @Test
  void everyObjectCarriesTheStandardLabelsAndWorkloadsTheirMigrationPolicy() throws Exception {
    for (ObjectNode object : render(WEB + "  migration: downtime-ok\n")) {
      JsonNode labels = object.at("/metadata/labels");
      assertThat(labels.path("app.kubernetes.io/name").asText()).isEqualTo("shop");
      assertThat(labels.path("app.kubernetes.io/managed-by").asText()).isEqualTo("minato");
      assertThat(labels.path("minato.dev/team").asText()).isEqualTo("web");
    }
    ObjectNode deployment = find(render(WEB + "  migration: downtime-ok\n"), "Deployment");
    assertThat(deployment.at("/metadata/labels/minato.dev~1migration-policy").asText())
        .isEqualTo("downtime-ok");
    assertThat(
            deployment.at("/spec/template/metadata/labels/minato.dev~1migration-policy").asText())
        .isEqualTo("downtime-ok");
    assertThat(deployment.at("/spec/selector/matchLabels").size()).isEqualTo(2);
  }

  @Test
  void aNodePortServiceKeepsItsPortAndTrafficPolicy() throws Exception {
    ObjectNode service =
        find(
            render(
                WEB
                    + "  expose: {type: NodePort, nodePort: 30080, externalTrafficPolicy: Local}\n"),
            "Service");

    assertThat(service.at("/spec/type").asText()).isEqualTo("NodePort");
    assertThat(service.at("/spec/ports/0/nodePort").asInt()).isEqualTo(30080);
    assertThat(service.at("/spec/externalTrafficPolicy").asText()).isEqualTo("Local");
  }

  @Test
  void anIngressRoutesItsHostAndPathsToTheService() throws Exception {
    ObjectNode ingress =
        find(
            render(
                WEB
                    + "  expose: {type: Ingress, host: a.example.com, paths: [/api], tlsSecret: a-tls}\n"),
            "Ingress");

    assertThat(ingress.at("/spec/rules/0/host").asText()).isEqualTo("a.example.com");
    assertThat(ingress.at("/spec/rules/0/http/paths/0/path").asText()).isEqualTo("/api");
    assertThat(ingress.at("/spec/tls/0/secretName").asText()).isEqualTo("a-tls");
  }

  @Test
  void secretsAreReferencedNeverInlined() throws Exception {
    JsonNode c = container(find(render(WEB + "  secretEnv: [DB_PASSWORD]\n"), "Deployment"));

    assertThat(env(c, "DB_PASSWORD").at("/valueFrom/secretKeyRef/name").asText())
        .isEqualTo("shop-secrets");
    assertThat(env(c, "DB_PASSWORD").has("value")).isFalse();
  }

  @Test
  void aConfigChangeRenamesTheConfigMapSoTheDeploymentRolls() throws Exception {
    List<ObjectNode> first = render(WEB + "  configFiles: {/etc/shop/a.conf: 'x=1'}\n");
    List<ObjectNode> second = render(WEB + "  configFiles: {/etc/shop/a.conf: 'x=2'}\n");

    String name1 = find(first, "ConfigMap").at("/metadata/name").asText();
    String name2 = find(second, "ConfigMap").at("/metadata/name").asText();
    assertThat(name1).startsWith("shop-config-").isNotEqualTo(name2);
    assertThat(
            find(first, "Deployment").at("/spec/template/spec/volumes/1/configMap/name").asText())
        .isEqualTo(name1);
    assertThat(container(find(first, "Deployment")).at("/volumeMounts/1/mountPath").asText())
        .isEqualTo("/etc/shop/a.conf");
  }

  @Test
  void metricsBecomeAnnotationsOrAServiceMonitor() throws Exception {
    ObjectNode annotated = find(render(WEB + "  metrics: {port: 9090}\n"), "Deployment");
    List<ObjectNode> monitored = render(WEB + "  metrics: {port: 9090, serviceMonitor: true}\n");

    assertThat(annotated.at("/spec/template/metadata/annotations/prometheus.io~1port").asText())
        .isEqualTo("9090");
    assertThat(find(monitored, "ServiceMonitor").at("/spec/endpoints/0/port").asText())
        .isEqualTo("metrics");
    assertThat(find(monitored, "Service").at("/spec/ports").size()).isEqualTo(1);
    ObjectNode internal = monitored.get(1);
    assertThat(internal.at("/metadata/name").asText()).isEqualTo("shop-internal");
    assertThat(internal.at("/spec/ports/0/name").asText()).isEqualTo("metrics");
    assertThat(
            find(monitored, "ServiceMonitor")
                .at("/spec/selector/matchLabels/minato.dev~1service")
                .asText())
        .isEqualTo("internal");
  }

  @Test
  void alertsBecomeAPrometheusRule() throws Exception {
    ObjectNode rule =
        find(
            render(WEB + "  alerts: {errorRatePercent: 1.5, latencyP99Ms: 250}\n"),
            "PrometheusRule");

    JsonNode rules = rule.at("/spec/groups/0/rules");
    assertThat(rules.get(0).path("alert").asText()).isEqualTo("ShopHighErrorRate");
    assertThat(rules.get(0).path("expr").asText()).contains("job=\"shop\"").endsWith("> 1.5");
    assertThat(rules.get(1).path("expr").asText())
        .startsWith("1000 * histogram_quantile(0.99")
        .endsWith("> 250");
  }

  @Test
  void jobsBecomeCronJobsThatNeverOverlapOrRetryByDefault() throws Exception {
    ObjectNode cron =
        find(
            render(
                WEB + "  jobs:\n    - {name: nightly, schedule: '0 3 * * *', timeZone: Etc/UTC}\n"),
            "CronJob");

    assertThat(cron.at("/metadata/name").asText()).isEqualTo("shop-nightly");
    assertThat(cron.at("/spec/concurrencyPolicy").asText()).isEqualTo("Forbid");
    assertThat(cron.at("/spec/timeZone").asText()).isEqualTo("Etc/UTC");
    assertThat(cron.at("/spec/jobTemplate/spec/backoffLimit").asInt()).isZero();
    assertThat(cron.at("/metadata/labels/minato.dev~1migration-policy").asText())
        .isEqualTo("downtime-ok");
    assertThat(cron.at("/spec/jobTemplate/spec/template/spec/restartPolicy").asText())
        .isEqualTo("Never");
  }
}
