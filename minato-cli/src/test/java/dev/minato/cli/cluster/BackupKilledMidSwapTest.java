package dev.minato.cli.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.minato.cli.ChildJvm;
import dev.minato.cli.Snapshots;
import dev.minato.cluster.sandbox.Emulator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code backup} killed (as by SIGKILL) at every step of replacing the previous backup: it stays
 * whole under its name, or is put back by the next command that reads it (restore), and the next
 * backup removes every leftover and is complete.
 */
class BackupKilledMidSwapTest {

  @TempDir Path dir;
  Emulator sandbox;
  Path kubeconfig;

  @BeforeEach
  void start() throws Exception {
    sandbox = Emulator.start(0);
    kubeconfig = dir.resolve("kubeconfig");
    sandbox.writeKubeconfig(kubeconfig, "sandbox");
    apply("apiVersion: v1\nkind: Namespace\nmetadata: {name: shop}\n---\n" + configMap("a"));
  }

  @AfterEach
  void stop() {
    sandbox.close();
  }

  static String configMap(String name) {
    return "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: " + name + ", namespace: shop}\n";
  }

  void apply(String yaml) throws IOException {
    Path objects = Files.createTempDirectory(dir, "objects-");
    Files.writeString(objects.resolve("objects.yaml"), yaml);
    CliRun run = CliRun.of("apply", objects.toString(), "--kubeconfig", kubeconfig.toString());
    assertThat(run.exitCode()).as(run.err()).isZero();
  }

  @ParameterizedTest(name = "killed at {0}")
  @ValueSource(strings = {"partial", "staged", "aside", "swapped"})
  void thePreviousBackupSurvivesAKillAtEveryStepAndTheNextRunCleansUp(String step)
      throws Exception {
    Path backup = Files.createDirectories(dir.resolve("backups")).resolve("shop");
    String[] command = {
      "backup", "-o", backup.toString(), "-n", "shop", "--kubeconfig", kubeconfig.toString()
    };
    assertThat(CliRun.of(command).exitCode()).isZero();
    Map<String, String> before = Snapshots.files(backup);
    apply(configMap("b"));

    dev.minato.cli.CliRun killed =
        ChildJvm.minato(List.of("-Dminato.test.haltAt=" + step), command);

    assertThat(killed.exitCode()).as(killed.err()).isEqualTo(137);
    if (step.equals("aside")) {
      assertThat(backup).doesNotExist();
      // restore reads the backup, so it puts the previous one back before reading it.
      CliRun restore =
          CliRun.of(
              "restore", backup.toString(), "--dry-run", "--kubeconfig", kubeconfig.toString());
      assertThat(restore.exitCode()).as(restore.err()).isZero();
      assertThat(Snapshots.files(backup)).isEqualTo(before);
    } else if (step.equals("swapped")) {
      assertThat(Snapshots.files(backup)).containsKey("shop/ConfigMap/b.yaml");
    } else {
      assertThat(Snapshots.files(backup)).isEqualTo(before);
    }
    assertThat(Snapshots.entries(backup.getParent())).hasSizeGreaterThan(1);

    CliRun next = CliRun.of(command);

    assertThat(next.exitCode()).as(next.err()).isZero();
    assertThat(Snapshots.entries(backup.getParent())).containsExactly("shop");
    assertThat(Snapshots.files(backup))
        .containsOnlyKeys(
            "index.yaml",
            "_cluster/Namespace/shop.yaml",
            "shop/ConfigMap/a.yaml",
            "shop/ConfigMap/b.yaml");
  }
}
