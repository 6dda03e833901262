package dev.minato.spec.read;

import static org.assertj.core.api.Assertions.assertThat;

import dev.minato.manifest.migration.MigrationPolicy;
import dev.minato.spec.App;
import dev.minato.spec.AppSpec;
import dev.minato.spec.Expose;
import dev.minato.spec.Probe;
import dev.minato.spec.ScheduledJob;
import dev.minato.spec.Shutdown;
import dev.minato.spec.WorkloadType;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class SpecReaderDefaultsTest {

  static final String HEADER = "apiVersion: minato.dev/v1\nkind: App\nmetadata:\n  name: shop\n";

  static App read(String body) throws SpecException {
    return SpecReader.read("minato.yaml", HEADER + body).get(0);
  }

  static String web(String extra) {
    return "spec:\n  image: shop:1.0\n  port: 8080\n  resources: {cpu: 500m, memory: 256Mi}\n"
        + extra;
  }

  @Test
  void appliesTheDocumentedDefaultsToAMinimalWebApp() throws Exception {
    AppSpec spec = read(web("")).spec();

    assertThat(spec.type()).isEqualTo(WorkloadType.WEB);
    assertThat(spec.runtime()).isEqualTo(dev.minato.spec.Runtime.OTHER);
    assertThat(spec.health().liveness().orElseThrow().check())
        .isEqualTo(new Probe.HttpGet("/healthz", 8080));
    assertThat(spec.health().readiness().orElseThrow().check())
        .isEqualTo(new Probe.HttpGet("/healthz", 8080));
    assertThat(spec.health().startupSeconds()).isZero();
    assertThat(spec.shutdown()).isEqualTo(new Shutdown(10, 20, Shutdown.PreStop.EXEC));
    assertThat(spec.shutdown().terminationGracePeriodSeconds()).isEqualTo(35);
    assertThat(spec.replicas().min()).isEqualTo(2);
    assertThat(spec.replicas().max()).isEqualTo(2);
    assertThat(spec.replicas().cpuUtilization()).isEqualTo(70);
    assertThat(spec.maxUnavailable()).isEqualTo("1");
    assertThat(spec.expose().type()).isEqualTo(Expose.Type.CLUSTER_IP);
    assertThat(spec.migration()).isEqualTo(MigrationPolicy.DUPLICATE_OK);
    assertThat(spec.resources().memoryLimit()).isEqualTo(spec.resources().memory());
    assertThat(spec.resources().cpuLimit()).isEmpty();
    assertThat(spec.security().runAsNonRoot()).isTrue();
    assertThat(spec.security().readOnlyRootFilesystem()).isTrue();
    assertThat(spec.security().allowPrivilegeEscalation()).isFalse();
  }

  @Test
  void readinessDefaultsToTheLivenessPath() throws Exception {
    AppSpec spec = read(web("  health: {liveness: /live}\n")).spec();

    assertThat(spec.health().readiness().orElseThrow().check())
        .isEqualTo(new Probe.HttpGet("/live", 8080));
  }

  @Test
  void slowStartingRuntimesGetAStartupBudget() throws Exception {
    assertThat(read(web("  runtime: java\n")).spec().health().startupSeconds()).isEqualTo(120);
    assertThat(read(web("  runtime: ruby\n")).spec().health().startupSeconds()).isEqualTo(60);
    assertThat(read(web("  runtime: go\n")).spec().health().startupSeconds()).isZero();
  }

  @Test
  void anAppWithoutAPortIsAWorkerWithOneReplica() throws Exception {
    AppSpec spec = read("spec:\n  image: w:1\n  resources: {cpu: 100m, memory: 64Mi}\n").spec();

    assertThat(spec.type()).isEqualTo(WorkloadType.WORKER);
    assertThat(spec.replicas().min()).isEqualTo(1);
  }

  @Test
  void anAppWithOnlyJobsIsBatchAndItsJobsMustNeverRunTwice() throws Exception {
    AppSpec spec =
        read("spec:\n  image: b:1\n  resources: {cpu: 100m, memory: 64Mi}\n  jobs:\n"
                + "    - {name: nightly, schedule: '0 3 * * *'}\n")
            .spec();

    assertThat(spec.type()).isEqualTo(WorkloadType.BATCH);
    ScheduledJob job = spec.jobs().get(0);
    assertThat(job.migration()).isEqualTo(MigrationPolicy.DOWNTIME_OK);
    assertThat(job.concurrency()).isEqualTo(ScheduledJob.Concurrency.FORBID);
    assertThat(job.retries()).isZero();
    assertThat(job.resources().cpu().text()).isEqualTo("100m");
  }

  @Test
  void aJobInheritsTheAppResourcesItDoesNotSet() throws Exception {
    ScheduledJob job =
        read("spec:\n  image: b:1\n  resources: {cpu: 100m, memory: 64Mi}\n  jobs:\n"
                + "    - {name: big, schedule: '@daily', resources: {memory: 2Gi}}\n")
            .spec()
            .jobs()
            .get(0);

    assertThat(job.resources().cpu().text()).isEqualTo("100m");
    assertThat(job.resources().memory().text()).isEqualTo("2Gi");
    assertThat(job.resources().memoryLimit().text()).isEqualTo("2Gi");
  }

  @Test
  void theWorkerCountIsTheCpuRequestTimesPerCpuRoundedUpAndAtLeastOne() throws Exception {
    assertThat(workers("500m", "3")).isEqualTo(2);
    assertThat(workers("1500m", "2")).isEqualTo(3);
    assertThat(workers("100m", "1")).isEqualTo(1);
    assertThat(workers("2", "4")).isEqualTo(8);
    assertThat(workers("0.25", "0.5")).isEqualTo(1);
  }

  private static int workers(String cpu, String perCpu) throws Exception {
    AppSpec spec =
        read("spec:\n  image: a:1\n  port: 80\n  resources: {cpu: '"
                + cpu
                + "', memory: 64Mi}\n  workers: {perCpu: "
                + perCpu
                + "}\n")
            .spec();
    assertThat(spec.workers().orElseThrow().env()).isEqualTo("WEB_CONCURRENCY");
    assertThat(spec.workers().orElseThrow().perCpu()).isEqualByComparingTo(new BigDecimal(perCpu));
    return spec.workers().orElseThrow().count(spec.resources().cpu());
  }

  @Test
  void withoutEnvironmentsAnAppHasOneNamedDefault() throws Exception {
    App app = read(web(""));

    assertThat(app.environments())
        .singleElement()
        .satisfies(
            env -> {
              assertThat(env.name()).isEqualTo(App.DEFAULT_ENVIRONMENT);
              assertThat(env.spec()).isEqualTo(app.spec());
            });
  }

  @Test
  void environmentOverridesMergeMappingsReplaceListsAndNullRemoves() throws Exception {
    App app =
        read(
            web("  env: {A: '1', B: '2'}\n  args: [--x, --y]\n  resources: {cpu: 500m, memory: 256Mi, cpuLimit: '1'}\n")
                    .replace("  resources: {cpu: 500m, memory: 256Mi}\n", "")
                + "environments:\n"
                + "  prd:\n"
                + "    namespace: shop-prd\n"
                + "    env: {B: '3', C: '4', A: null}\n"
                + "    args: [--z]\n"
                + "    resources: {cpu: '2', cpuLimit: null}\n"
                + "  dev: {}\n");

    assertThat(app.environments()).extracting(e -> e.name()).containsExactly("prd", "dev");
    AppSpec prd = app.environments().get(0).spec();
    assertThat(prd.env())
        .containsExactly(java.util.Map.entry("B", "3"), java.util.Map.entry("C", "4"));
    assertThat(prd.args()).containsExactly("--z");
    assertThat(prd.resources().cpu().text()).isEqualTo("2");
    assertThat(prd.resources().memory().text()).isEqualTo("256Mi");
    assertThat(prd.resources().cpuLimit()).isEmpty();
    assertThat(app.environments().get(0).namespace()).hasValue("shop-prd");
    assertThat(app.environments().get(1).spec()).isEqualTo(app.spec());
  }

  @Test
  void theAutoscalerIsOnlyUsedWhenMaxExceedsMin() throws Exception {
    assertThat(read(web("  replicas: {min: 2, max: 5}\n")).spec().replicas().autoscaled()).isTrue();
    assertThat(read(web("  replicas: {min: 3}\n")).spec().replicas().autoscaled()).isFalse();
  }

  @Test
  void acceptsImageDigestsAndRegistryPorts() throws Exception {
    String digest = "sha256:" + "a".repeat(64);
    AppSpec spec = read(web("").replace("shop:1.0", "registry:5000/team/shop@" + digest)).spec();

    assertThat(spec.image().repository()).isEqualTo("registry:5000/team/shop");
    assertThat(spec.image().tag()).isEmpty();
    assertThat(spec.image().digest()).hasValue(digest);
  }

  @Test
  void anEnvironmentCanOverrideOnlyTheImageTag() throws Exception {
    App app = read(web("") + "environments:\n  prd: {imageTag: 1.1.0}\n  dev: {}\n");

    assertThat(app.environments().get(0).spec().image().reference()).isEqualTo("shop:1.1.0");
    assertThat(app.environments().get(1).spec().image().reference()).isEqualTo("shop:1.0");
  }

  @Test
  void aNodePortMayBeLeftToMinato() throws Exception {
    AppSpec spec = read(web("  expose: {type: NodePort, nodePort: auto}\n")).spec();

    assertThat(spec.expose().autoNodePort()).isTrue();
    assertThat(spec.expose().nodePort()).isEmpty();
    assertThat(spec.expose().withNodePort(30001).nodePort()).hasValue(30001);
    assertThat(spec.withExpose(spec.expose().withNodePort(30001)).expose().autoNodePort())
        .isFalse();
  }
}
