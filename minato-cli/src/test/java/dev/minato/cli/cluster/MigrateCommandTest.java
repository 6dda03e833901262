package dev.minato.cli.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.minato.cluster.sandbox.Emulator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
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

    CliRun again =
        CliRun.of(args("migrate", "run", "--yes", "--state-dir", stateHome().toString()));
    assertThat(again.exitCode()).as(again.err()).isZero();
    assertThat(again.out()).contains("resuming", "Migration complete");
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
}
