package dev.minato.cli.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.minato.cluster.backup.BackupOptions;
import dev.minato.cluster.backup.BackupWriter;
import dev.minato.cluster.connect.ClusterSession;
import dev.minato.cluster.connect.ClusterTarget;
import dev.minato.cluster.connect.ResourceType;
import dev.minato.cluster.sandbox.Emulator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MigrateCommandTest {

  static final String WORKLOADS =
      """
      apiVersion: v1
      kind: Namespace
      metadata: {name: shop}
      ---
      apiVersion: v1
      kind: Secret
      metadata: {name: db, namespace: shop}
      stringData: {password: planted-s3cret-value}
      ---
      apiVersion: apps/v1
      kind: Deployment
      metadata: {name: web, namespace: shop, labels: {minato.dev/migration-policy: duplicate-ok}}
      spec:
        replicas: 2
        selector: {matchLabels: {app: web}}
        template: {metadata: {labels: {app: web}}, spec: {containers: [{name: web, image: "web:1"}]}}
      ---
      apiVersion: batch/v1
      kind: CronJob
      metadata: {name: report, namespace: shop, labels: {minato.dev/migration-policy: downtime-ok}}
      spec:
        schedule: "0 3 * * *"
        jobTemplate: {spec: {template: {spec: {restartPolicy: Never, containers: [{name: r, image: "r:1"}]}}}}
      """;

  @TempDir Path dir;
  Emulator source;
  Emulator target;
  Path sourceConfig;
  Path targetConfig;
  Path manifests;

  @BeforeEach
  void start() throws Exception {
    source = Emulator.start(0);
    target = Emulator.start(0);
    sourceConfig = dir.resolve("source.kubeconfig");
    targetConfig = dir.resolve("target.kubeconfig");
    source.writeKubeconfig(sourceConfig, "old");
    target.writeKubeconfig(targetConfig, "new");
    manifests = Files.createDirectories(dir.resolve("shop"));
    Files.writeString(manifests.resolve("all.yaml"), WORKLOADS);
    assertThat(
            CliRun.of("apply", manifests.toString(), "--kubeconfig", sourceConfig.toString())
                .exitCode())
        .isZero();
  }

  @AfterEach
  void stop() {
    source.close();
    target.close();
  }

  String[] args(String... extra) {
    String[] base = {
      "--from",
      "old",
      "--to",
      "new",
      "--from-kubeconfig",
      sourceConfig.toString(),
      "--to-kubeconfig",
      targetConfig.toString()
    };
    String[] all = new String[base.length + extra.length];
    System.arraycopy(extra, 0, all, 0, extra.length);
    System.arraycopy(base, 0, all, extra.length, base.length);
    return all;
  }

  /** The Prometheus Operator's two kinds, as a cluster that runs it serves them. */
  static final String PROMETHEUS_CRDS =
      """
      apiVersion: apiextensions.k8s.io/v1
      kind: CustomResourceDefinition
      metadata: {name: servicemonitors.monitoring.coreos.com}
      spec:
        group: monitoring.coreos.com
        scope: Namespaced
        names: {kind: ServiceMonitor, plural: servicemonitors, singular: servicemonitor, listKind: ServiceMonitorList}
        versions: [{name: v1, served: true, storage: true}]
      ---
      apiVersion: apiextensions.k8s.io/v1
      kind: CustomResourceDefinition
      metadata: {name: prometheusrules.monitoring.coreos.com}
      spec:
        group: monitoring.coreos.com
        scope: Namespaced
        names: {kind: PrometheusRule, plural: prometheusrules, singular: prometheusrule, listKind: PrometheusRuleList}
        versions: [{name: v1, served: true, storage: true}]
      """;

  /** The bundled examples as generate writes them in the flat layout. */
  Path generatedExamples() {
    Path deploy = dir.resolve("deploy");
    CliRun generated =
        CliRun.of(
            "generate",
            "-f",
            Path.of("..", "examples").toString(),
            "-o",
            deploy.toString(),
            "--flat",
            "-q");
    assertThat(generated.exitCode()).as(generated.err()).isZero();
    return deploy;
  }

  @Test
  void generatedOutputAppliedToTheSourceIsAPlanMigrateAccepts() throws Exception {
    Path crds = Files.createDirectories(dir.resolve("crds"));
    Files.writeString(crds.resolve("prometheus.yaml"), PROMETHEUS_CRDS);
    String[] crdApply = {
      "apply",
      crds.toString(),
      "--inventory",
      "prometheus-crds",
      "--inventory-namespace",
      "default",
      "--kubeconfig",
      sourceConfig.toString()
    };
    assertThat(CliRun.of(crdApply).exitCode()).isZero();
    Path deploy = generatedExamples();
    CliRun applied =
        CliRun.of(
            "apply",
            "-f",
            deploy.resolve("shop-api/prd.yaml").toString(),
            "--kubeconfig",
            sourceConfig.toString());
    assertThat(applied.exitCode()).as(applied.err()).isZero();
    assertThat(applied.out()).contains("ServiceMonitor/checkout/shop-api");

    CliRun plan = CliRun.of(args("migrate", "plan", "-n", "checkout"));

    assertThat(plan.exitCode()).as(plan.out() + plan.err()).isZero();
    assertThat(plan.out())
        .contains("duplicate-ok  ServiceMonitor/checkout/shop-api")
        .contains("duplicate-ok  PrometheusRule/checkout/shop-api")
        .doesNotContain("no minato.dev/migration-policy");
  }

  @Test
  void generatedStatefulAndClaimMountingAppsPlanAsDowntimeOk() throws Exception {
    Path deploy = generatedExamples();
    for (String app : List.of("search-index", "php-blog")) {
      CliRun applied =
          CliRun.of(
              "apply",
              "-f",
              deploy.resolve(app + "/prd.yaml").toString(),
              "--kubeconfig",
              sourceConfig.toString());
      assertThat(applied.exitCode()).as(applied.out() + applied.err()).isZero();
    }

    CliRun search = CliRun.of(args("migrate", "plan", "-n", "search"));
    CliRun content = CliRun.of(args("migrate", "plan", "-n", "content"));

    assertThat(search.exitCode()).as(search.out() + search.err()).isZero();
    // Stopped on the source before the target starts them: the downtime-ok phases. Only the
    // dashboard may be in both clusters at once.
    assertThat(search.out())
        .contains("1 duplicate-ok resources")
        .contains("duplicate-ok  ConfigMap/search/search-index-dashboard")
        .contains("2. stop       1 downtime-ok resources")
        .contains("scale to 0   StatefulSet/search/search-index");
    assertThat(content.exitCode()).as(content.out() + content.err()).isZero();
    assertThat(content.out())
        .contains("1 duplicate-ok resources")
        .contains("2. stop       2 downtime-ok resources")
        .contains("scale to 0   Deployment/content/php-blog")
        .contains("suspend      CronJob/content/php-blog-prune-drafts");
  }

  @Test
  void planListsEachPhaseAndChangesNothing() {
    CliRun run = CliRun.of(args("migrate", "plan"));
    assertThat(run.exitCode()).isZero();
    assertThat(run.out())
        .contains(
            "duplicate-ok  Deployment/shop/web",
            "suspend      CronJob/shop/report",
            "not requested");
  }

  @Test
  void planWithAnUnlabelledWorkloadListsItAndExitsTwo() throws Exception {
    Files.writeString(
        manifests.resolve("stray.yaml"),
        WORKLOADS
            .substring(
                WORKLOADS.indexOf("apiVersion: apps/v1"),
                WORKLOADS.indexOf("---\napiVersion: batch"))
            .replace("name: web,", "name: stray,")
            .replace(", labels: {minato.dev/migration-policy: duplicate-ok}", ""));
    CliRun.of("apply", manifests.toString(), "--kubeconfig", sourceConfig.toString());
    CliRun run = CliRun.of(args("migrate", "plan"));
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.out()).contains("Deployment/shop/stray  (label it, or pass --default-policy)");
  }

  @Test
  void runMigratesAndKeepsItsStateOwnerOnlyUnderTheStateDirectory() throws Exception {
    CliRun run = CliRun.of(args("migrate", "run", "--yes", "--state-dir", stateHome().toString()));
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).contains("phase stop verified", "Migration complete");
    Path dirOfPair =
        stateHome().resolve("migrations").resolve(source.clusterUid() + "--" + target.clusterUid());
    assertThat(stateFiles()).hasSize(1).allMatch(f -> f.getParent().equals(dirOfPair));
    assertThat(Files.getPosixFilePermissions(stateFiles().get(0)))
        .isEqualTo(PosixFilePermissions.fromString("rw-------"));
    assertThat(dir.resolve("minato-migration.json")).doesNotExist();
    assertThat(Files.readString(stateFiles().get(0)))
        .contains("v1 Secret shop/db")
        .doesNotContain("planted-s3cret-value", "cGxhbnRlZC1zM2NyZXQtdmFsdWU=");

    CliRun again =
        CliRun.of(args("migrate", "run", "--yes", "--state-dir", stateHome().toString()));
    assertThat(again.exitCode()).as(again.err()).isZero();
    assertThat(again.out()).contains("resuming", "Migration complete");
  }

  /** {@code migrate run -n shop --yes} with the default state location under the test. */
  CliRun runInShop(String... extra) {
    List<String> all =
        new java.util.ArrayList<>(
            List.of("migrate", "run", "-n", "shop", "--yes", "--state-dir", stateHome() + ""));
    all.addAll(List.of(extra));
    return CliRun.of(args(all.toArray(String[]::new)));
  }

  Path stateHome() {
    return dir.resolve("state-home");
  }

  List<Path> stateFiles() throws Exception {
    if (!Files.exists(stateHome())) {
      return List.of();
    }
    try (Stream<Path> walk = Files.walk(stateHome())) {
      return walk.filter(Files::isRegularFile).toList();
    }
  }

  @Test
  void runWithoutATerminalNeedsYes() {
    CliRun run = CliRun.of(args("migrate", "run", "--state", dir.resolve("s.json").toString()));
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).contains("--yes");
    assertThat(dir.resolve("s.json")).doesNotExist();
  }

  @Test
  void oneClusterUnderTwoContextNamesIsRefusedAndNothingChanges() throws Exception {
    Path alias = dir.resolve("alias.kubeconfig");
    // Another name and another URL (localhost, not 127.0.0.1) for the source cluster.
    Files.writeString(alias, source.kubeconfig("alias").replace("127.0.0.1", "localhost"));
    Map<String, String> before = backup(sourceConfig, "old");

    CliRun run =
        CliRun.of(
            "migrate",
            "run",
            "--from",
            "old",
            "--to",
            "alias",
            "--from-kubeconfig",
            sourceConfig.toString(),
            "--to-kubeconfig",
            alias.toString(),
            "--remove-from-source",
            "--yes",
            "--state-dir",
            stateHome().toString());

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err())
        .contains("--from old and --to alias are the same cluster", source.clusterUid());
    assertThat(backup(sourceConfig, "old")).isEqualTo(before);
    assertThat(stateHome()).doesNotExist();
  }

  @Test
  void aRunStoppedAfterEachPhaseResumesToCompletionTouchingNothingElse() throws Exception {
    Map<String, String> sourceBefore = backup(sourceConfig, "old");
    Map<String, String> targetBefore = backup(targetConfig, "new");
    for (String phase : List.of("copy", "stop")) {
      CliRun step = runInShop("--until", phase);
      assertThat(step.exitCode()).as(step.err()).isZero();
      assertThat(step.out()).contains("Stopped after phase " + phase);
    }
    CliRun create = runInShop("--until", "create");
    assertThat(create.out())
        .as("create is the last phase without --remove-from-source")
        .contains("Migration complete");
    CliRun last = runInShop("--remove-from-source");
    assertThat(last.exitCode()).as(last.err()).isZero();
    assertThat(last.out()).contains("removed from source  Deployment/shop/web", "complete");

    Map<String, String> sourceAfter = backup(sourceConfig, "old");
    Map<String, String> targetAfter = backup(targetConfig, "new");
    assertThat(outsideShop(sourceAfter)).isEqualTo(outsideShop(sourceBefore));
    assertThat(outsideShop(targetAfter)).isEqualTo(outsideShop(targetBefore));
    assertThat(targetAfter)
        .containsKeys("shop/Deployment.apps/web.yaml", "shop/CronJob.batch/report.yaml");
    assertThat(targetAfter.get("shop/CronJob.batch/report.yaml")).doesNotContain("suspend: true");
    assertThat(sourceAfter).doesNotContainKeys("shop/Deployment.apps/web.yaml");
  }

  @Test
  void aSecondMigrationAfterAFinishedOneRunsTheNewPlan() throws Exception {
    CliRun first = CliRun.of(args("migrate", "run", "--yes", "--state-dir", stateHome() + ""));
    assertThat(first.exitCode()).as(first.err()).isZero();
    Files.writeString(
        manifests.resolve("later.yaml"),
        "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: later, namespace: shop}\n"
            + "data: {a: b}\n");
    CliRun.of("apply", manifests.toString(), "--kubeconfig", sourceConfig.toString());

    CliRun second = CliRun.of(args("migrate", "run", "--yes", "--state-dir", stateHome() + ""));

    assertThat(second.exitCode()).as(second.err()).isZero();
    assertThat(second.out()).contains("created on target  ConfigMap/shop/later");
    assertThat(stateFiles()).hasSize(2);
    assertThat(backup(targetConfig, "new")).containsKey("shop/ConfigMap/later.yaml");
  }

  @Test
  void removeAfterTheTargetLostObjectsExitsOneAndDeletesNothingFromTheSource() throws Exception {
    CliRun.of(args("migrate", "run", "--yes", "--state-dir", stateHome() + ""));
    try (ClusterSession session = ClusterSession.open(ClusterTarget.of(targetConfig, "new"))) {
      ResourceType deployments = session.catalog().find("apps/v1", "Deployment").orElseThrow();
      assertThat(session.live().delete(deployments, "shop", "web", false)).isTrue();
    }
    Map<String, String> sourceBefore = backup(sourceConfig, "old");

    CliRun remove =
        CliRun.of(
            args(
                "migrate",
                "run",
                "--yes",
                "--remove-from-source",
                "--state-dir",
                stateHome() + ""));

    assertThat(remove.exitCode()).isEqualTo(1);
    assertThat(remove.err()).contains("nothing was deleted from the source", "Deployment/shop/web");
    assertThat(backup(sourceConfig, "old")).isEqualTo(sourceBefore);
  }

  @Test
  void aStateFileOfOtherClustersIsRefusedSayingWhich() {
    Path state = dir.resolve("state.json");
    CliRun.of(args("migrate", "run", "--yes", "--until", "copy", "--state", state.toString()));
    CliRun swapped =
        CliRun.of(
            "migrate",
            "run",
            "--from",
            "new",
            "--to",
            "old",
            "--from-kubeconfig",
            targetConfig.toString(),
            "--to-kubeconfig",
            sourceConfig.toString(),
            "--yes",
            "--state",
            state.toString());
    assertThat(swapped.exitCode()).isEqualTo(2);
    assertThat(swapped.err())
        .contains("records a migration from " + source.url(), "use another --state file");
  }

  /** Every file of a backup of the cluster (Secrets aside), by path; the index left out. */
  Map<String, String> backup(Path kubeconfig, String context) throws Exception {
    Path out = Files.createTempDirectory(dir, "backup-");
    try (ClusterSession session = ClusterSession.open(ClusterTarget.of(kubeconfig, context))) {
      new BackupWriter(session.live(), session.catalog())
          .write(out.resolve("b"), BackupOptions.everything(500), line -> {});
    }
    Map<String, String> files = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(out.resolve("b"))) {
      for (Path file : walk.filter(Files::isRegularFile).toList()) {
        String name = out.resolve("b").relativize(file).toString();
        if (!name.equals("index.yaml")) {
          files.put(name, Files.readString(file));
        }
      }
    }
    return files;
  }

  static Map<String, String> outsideShop(Map<String, String> backup) {
    Map<String, String> kept = new TreeMap<>(backup);
    kept.keySet()
        .removeIf(path -> path.startsWith("shop/") || path.endsWith("Namespace/shop.yaml"));
    return kept;
  }
}
