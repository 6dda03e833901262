package dev.minato.cli.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.minato.cluster.sandbox.Emulator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BackupCommandTest {

  @TempDir Path dir;
  Emulator source;
  Emulator target;
  Path sourceConfig;
  Path targetConfig;

  @BeforeEach
  void start() throws Exception {
    source = Emulator.start(0);
    target = Emulator.start(0);
    sourceConfig = dir.resolve("source.kubeconfig");
    targetConfig = dir.resolve("target.kubeconfig");
    source.writeKubeconfig(sourceConfig, "source");
    target.writeKubeconfig(targetConfig, "target");
    Path manifests = Files.createDirectories(dir.resolve("shop"));
    Files.writeString(
        manifests.resolve("all.yaml"),
        """
        apiVersion: v1
        kind: Namespace
        metadata: {name: shop}
        ---
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: settings, namespace: shop}
        data: {mode: fast}
        ---
        apiVersion: v1
        kind: Secret
        metadata: {name: db, namespace: shop}
        stringData: {password: hunter2}
        """);
    assertThat(
            CliRun.of(
                    "apply",
                    manifests.toString(),
                    "--inventory",
                    "shop",
                    "--kubeconfig",
                    sourceConfig.toString())
                .exitCode())
        .isZero();
  }

  @AfterEach
  void stop() {
    source.close();
    target.close();
  }

  @Test
  void backsUpRestoresAndVerifiesThroughTheCommandLine() {
    Path backup = dir.resolve("backup");
    CliRun backed =
        CliRun.of("backup", "-o", backup.toString(), "--kubeconfig", sourceConfig.toString());
    assertThat(backed.exitCode()).isZero();
    assertThat(backed.out())
        .contains("Backed up 4 objects", "left out 1 Secrets"); // with Namespace default
    CliRun restored =
        CliRun.of("restore", backup.toString(), "--kubeconfig", targetConfig.toString());
    assertThat(restored.exitCode()).isZero();
    assertThat(restored.out()).contains("3 created, 1 unchanged, 0 updated, 0 failed");
    CliRun verified =
        CliRun.of(
            "backup",
            "verify",
            backup.toString(),
            "--yes",
            "--kubeconfig",
            targetConfig.toString());
    assertThat(verified.exitCode()).isZero();
    assertThat(verified.out()).contains("Backup verified: 0 created, 4 unchanged");
  }

  @Test
  void secretsNeedAKeyAndAreEncryptedWithIt() throws Exception {
    Path backup = dir.resolve("backup");
    CliRun refused =
        CliRun.of(
            "backup",
            "-o",
            backup.toString(),
            "--include-secrets",
            "--kubeconfig",
            sourceConfig.toString());
    assertThat(refused.exitCode()).isEqualTo(2);
    assertThat(refused.err()).contains("--include-secrets needs a key");
    Path key = dir.resolve("backup.key");
    Files.writeString(key, Base64.getEncoder().encodeToString(new byte[32]) + "\n");
    CliRun backed =
        CliRun.of(
            "backup",
            "-o",
            backup.toString(),
            "--include-secrets",
            "--encryption-key-file",
            key.toString(),
            "--kubeconfig",
            sourceConfig.toString());
    assertThat(backed.exitCode()).isZero();
    assertThat(Files.readString(backup.resolve("shop/Secret/db.yaml.enc")))
        .doesNotContain("hunter2");
  }

  @Test
  void restoreAsksBeforeOverwritingAndNeedsYesWithoutATerminal() throws Exception {
    Path backup = dir.resolve("backup");
    CliRun.of("backup", "-o", backup.toString(), "--kubeconfig", sourceConfig.toString());
    CliRun.of("restore", backup.toString(), "--kubeconfig", targetConfig.toString());
    Path changed = Files.createDirectories(dir.resolve("changed/shop"));
    Files.writeString(
        changed.resolve("cm.yaml"),
        "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: settings, namespace: shop}\n"
            + "data: {mode: slow}\n");
    assertThat(
            CliRun.of(
                    "apply",
                    changed.toString(),
                    "--inventory",
                    "shop",
                    "--adopt-inventory",
                    "--kubeconfig",
                    targetConfig.toString())
                .exitCode())
        .isZero();
    CliRun refused =
        CliRun.of("restore", backup.toString(), "--kubeconfig", targetConfig.toString());
    assertThat(refused.out()).contains("update ConfigMap/shop/settings");
    assertThat(refused.exitCode()).isEqualTo(1);
    assertThat(refused.err()).contains("--yes");
  }
}
