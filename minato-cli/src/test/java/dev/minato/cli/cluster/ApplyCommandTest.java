package dev.minato.cli.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.minato.cluster.sandbox.Emulator;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ApplyCommandTest {

  static final String CONFIG =
      """
      apiVersion: v1
      kind: ConfigMap
      metadata: {name: settings, namespace: shop}
      data: {mode: fast}
      """;

  @TempDir Path dir;
  Emulator emulator;
  Path kubeconfig;
  Path manifests;

  @BeforeEach
  void start() throws Exception {
    emulator = Emulator.start(0);
    kubeconfig = dir.resolve("kubeconfig");
    emulator.writeKubeconfig(kubeconfig, "emu");
    manifests = Files.createDirectories(dir.resolve("shop"));
    Files.writeString(manifests.resolve("config.yaml"), CONFIG);
  }

  @AfterEach
  void stop() {
    emulator.close();
  }

  @Test
  void appliesADirectoryAndReportsEachObject() {
    CliRun run = CliRun.of("apply", manifests.toString(), "--kubeconfig", kubeconfig.toString());
    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).contains("created              ConfigMap/shop/settings", "1 created");
  }

  @Test
  void diffExitsOneWhileSomethingWouldChangeAndZeroOnceUpToDate() throws Exception {
    String[] diff = {
      "apply", manifests.toString(), "--diff", "--kubeconfig", kubeconfig.toString()
    };
    CliRun before = CliRun.of(diff);
    assertThat(before.exitCode()).isEqualTo(1);
    assertThat(before.out()).contains("+ ConfigMap/shop/settings (created)\n");

    CliRun.of("apply", manifests.toString(), "--kubeconfig", kubeconfig.toString());
    CliRun after = CliRun.of(diff);
    assertThat(after.exitCode()).isZero();
    assertThat(after.out()).contains("No differences.");

    Files.writeString(manifests.resolve("config.yaml"), CONFIG.replace("fast", "safe"));
    CliRun changed = CliRun.of(diff);
    assertThat(changed.exitCode()).isEqualTo(1);
    assertThat(changed.out()).contains("~ ConfigMap/shop/settings\n    ~ data.mode: fast → safe\n");
  }

  @Test
  void anInputWithoutObjectsIsInvalidAndPrunesNothing() throws Exception {
    CliRun.of("apply", manifests.toString(), "--kubeconfig", kubeconfig.toString());
    Path empty = Files.createDirectories(dir.resolve("empty"));

    CliRun run =
        CliRun.of(
            "apply",
            empty.toString(),
            "--prune",
            "--yes",
            "--inventory",
            "shop",
            "--kubeconfig",
            kubeconfig.toString());

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("no Kubernetes objects in " + empty);
    CliRun again =
        CliRun.of("apply", manifests.toString(), "--diff", "--kubeconfig", kubeconfig.toString());
    assertThat(again.out()).contains("No differences.");
  }

  @Test
  void exitsThreeWhenTheClusterIsUnreachable() throws Exception {
    Path dead = dir.resolve("dead.kubeconfig");
    Files.writeString(
        dead, emulator.kubeconfig("emu").replace(emulator.url(), "http://127.0.0.1:1"));
    CliRun run = CliRun.of("apply", manifests.toString(), "--kubeconfig", dead.toString());
    assertThat(run.exitCode()).isEqualTo(3);
    assertThat(run.err()).contains("cannot reach the API server at http://127.0.0.1:1");
  }

  @Test
  void exitsTwoForAnUnknownContextAndListsTheKnownOnes() {
    CliRun run =
        CliRun.of(
            "apply",
            manifests.toString(),
            "--kubeconfig",
            kubeconfig.toString(),
            "--context",
            "prod");
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("no context 'prod'; the contexts are [emu]");
  }

  @Test
  void pruneThatWouldDeleteRequiresYesWithoutATerminal() throws Exception {
    CliRun.of("apply", manifests.toString(), "--kubeconfig", kubeconfig.toString());
    Files.writeString(manifests.resolve("config.yaml"), CONFIG.replace("settings", "renamed"));
    CliRun run =
        CliRun.of("apply", manifests.toString(), "--prune", "--kubeconfig", kubeconfig.toString());
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.out()).contains("delete ConfigMap/shop/settings");
    assertThat(run.err()).contains("re-run with --yes");
    CliRun confirmed =
        CliRun.of(
            "apply",
            manifests.toString(),
            "--prune",
            "--yes",
            "--kubeconfig",
            kubeconfig.toString());
    assertThat(confirmed.exitCode()).isZero();
    assertThat(confirmed.out()).contains("pruned               ConfigMap/shop/settings");
  }

  @ParameterizedTest
  @ValueSource(strings = {"apply", "drift"})
  void brokenInputIsRefusedAtItsPositionBeforeTheClusterIsContacted(String command)
      throws Exception {
    Path broken = dir.resolve("broken.yaml");
    Files.writeString(broken, "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: [x\n");
    Path dead = dir.resolve("dead.kubeconfig");
    Files.writeString(
        dead, emulator.kubeconfig("emu").replace(emulator.url(), "http://127.0.0.1:1"));

    CliRun run = CliRun.of(command, "-f", broken.toString(), "--kubeconfig", dead.toString());

    assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
    assertThat(run.err()).contains(broken + ":5:1: invalid YAML");
  }
}
