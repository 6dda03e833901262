package dev.minato.cli.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.minato.cli.ExitCodes;
import dev.minato.cli.Snapshots;
import dev.minato.cluster.backup.BackupIndex;
import dev.minato.cluster.connect.ClusterConnection;
import dev.minato.cluster.connect.ClusterTarget;
import dev.minato.cluster.sandbox.Emulator;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Backups and restores as a user walks them, mistakes included, each on a fresh sandbox: a mistake
 * is refused with exit 2 and leaves both the backup on disk and the cluster byte-identical.
 */
class BackupRestoreJourneyTest {

  static final String SHOP =
      """
      apiVersion: v1
      kind: Namespace
      metadata: {name: payments}
      ---
      apiVersion: v1
      kind: ConfigMap
      metadata: {name: settings, namespace: payments}
      data: {mode: fast}
      ---
      apiVersion: v1
      kind: ConfigMap
      metadata: {name: limits, namespace: payments}
      data: {max: "10"}
      ---
      apiVersion: v1
      kind: ServiceAccount
      metadata: {name: default, namespace: payments}
      """;

  static final String ADMIN_BINDING =
      """
      apiVersion: rbac.authorization.k8s.io/v1
      kind: ClusterRoleBinding
      metadata: {name: settings}
      roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: cluster-admin}
      subjects: [{kind: ServiceAccount, name: default, namespace: payments}]
      """;

  @TempDir Path dir;
  Emulator sandbox;
  String kubeconfig;
  Path backup;

  @BeforeEach
  void start() throws Exception {
    sandbox = Emulator.start(0);
    Path config = dir.resolve("kubeconfig");
    sandbox.writeKubeconfig(config, "sandbox");
    kubeconfig = config.toString();
    Path manifests = Files.createDirectories(dir.resolve("manifests"));
    Files.writeString(manifests.resolve("shop.yaml"), SHOP);
    CliRun applied = CliRun.of("apply", manifests.toString(), "--kubeconfig", kubeconfig);
    assertThat(applied.exitCode()).as(applied.err()).isZero();
    backup = dir.resolve("backups/payments");
  }

  @AfterEach
  void stop() {
    sandbox.close();
  }

  CliRun backUp(String... more) {
    String[] args = {
      "backup", "-o", backup.toString(), "-n", "payments", "--kubeconfig", kubeconfig
    };
    String[] all = java.util.Arrays.copyOf(args, args.length + more.length);
    System.arraycopy(more, 0, all, args.length, more.length);
    return CliRun.of(all);
  }

  /** Everything the sandbox holds, as a backup of all of it reads. */
  Map<String, String> wholeCluster(String name) throws IOException {
    Path whole = dir.resolve("whole/" + name);
    CliRun run = CliRun.of("backup", "-o", whole.toString(), "--kubeconfig", kubeconfig);
    assertThat(run.exitCode()).as(run.err()).isZero();
    return Snapshots.files(whole);
  }

  /** Replaces a file of the backup and its checksum in the index, as an attacker would. */
  void tamper(String path, String content) throws Exception {
    String old = BackupIndex.read(backup).files().get(path);
    Files.writeString(backup.resolve(path), content);
    Path index = backup.resolve("index.yaml");
    Files.writeString(index, Files.readString(index).replace(old, BackupIndex.sha256(content)));
  }

  /** Adds an entry to the index that the backup did not write. */
  void listInIndex(String path, String content) throws IOException {
    Path index = backup.resolve("index.yaml");
    Files.writeString(
        index,
        Files.readString(index)
            .replace(
                "files:\n",
                "files:\n  \"" + path + "\": \"sha256:" + BackupIndex.sha256(content) + "\"\n"));
  }

  @Test
  void aMistypedNamespaceIsRefusedAndThePreviousBackupStaysByteIdentical() throws Exception {
    assertThat(backUp().exitCode()).isZero();
    Map<String, String> before = Snapshots.files(backup);

    CliRun typo =
        CliRun.of("backup", "-o", backup.toString(), "-n", "paymnets", "--kubeconfig", kubeconfig);

    assertThat(typo.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(typo.err()).contains("no such namespace: 'paymnets', did you mean 'payments'?");
    assertThat(typo.out()).doesNotContain("Backed up");
    assertThat(Snapshots.files(backup)).isEqualTo(before);
    assertThat(Snapshots.entries(backup.getParent())).containsExactly("payments");
  }

  @Test
  void aBackupAfterDeletionsNeedsReplaceAndSaysWhatItLoses() throws Exception {
    assertThat(backUp().exitCode()).isZero();
    Map<String, String> before = Snapshots.files(backup);
    // Someone deletes an object, as kubectl delete would.
    try (KubernetesClient client =
        ClusterConnection.connect(ClusterTarget.of(Path.of(kubeconfig), "sandbox"))) {
      client.configMaps().inNamespace("payments").withName("limits").delete();
    }

    CliRun refused = backUp();

    assertThat(refused.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(refused.err())
        .contains("the previous backup held 4 objects, this one holds 3")
        .contains("payments/ConfigMap/limits.yaml")
        .contains("add --replace");
    assertThat(Snapshots.files(backup)).isEqualTo(before);

    CliRun replaced = backUp("--replace");

    assertThat(replaced.exitCode()).as(replaced.err()).isZero();
    assertThat(replaced.out())
        .contains("Backed up 3 objects")
        .contains("replaced the previous backup (--replace): the previous backup held 4 objects")
        .contains("payments/ConfigMap/limits.yaml");
    assertThat(backup.resolve("payments/ConfigMap/limits.yaml")).doesNotExist();
    assertThat(Snapshots.entries(backup.getParent())).containsExactly("payments");
  }

  @Test
  void aBackupWhoseIndexPointsOutsideItIsRefusedAndTheClusterIsUnchanged() throws Exception {
    assertThat(backUp().exitCode()).isZero();
    Path outside = dir.resolve("backups/x");
    Files.writeString(outside, ADMIN_BINDING);
    listInIndex("../x", ADMIN_BINDING);
    listInIndex(outside.toString(), ADMIN_BINDING);

    restoreAndVerifyAreRefused(
        "../x: not a path of a minato backup", outside + ": not a path of a minato backup");
  }

  @Test
  void aClusterRoleBindingStoredAsAConfigMapIsRefusedAndTheClusterIsUnchanged() throws Exception {
    assertThat(backUp().exitCode()).isZero();
    tamper("payments/ConfigMap/settings.yaml", ADMIN_BINDING);

    restoreAndVerifyAreRefused(
        "payments/ConfigMap/settings.yaml: holds ClusterRoleBinding.rbac.authorization.k8s.io"
            + " settings, but its place is ConfigMap payments/settings");
  }

  /** Both commands that read the backup refuse it, and the whole cluster is left as it was. */
  void restoreAndVerifyAreRefused(String... reasons) throws IOException {
    Map<String, String> cluster = wholeCluster("before");

    CliRun restore = CliRun.of("restore", backup.toString(), "--yes", "--kubeconfig", kubeconfig);
    CliRun verify =
        CliRun.of("backup", "verify", backup.toString(), "--yes", "--kubeconfig", kubeconfig);

    for (CliRun refused : new CliRun[] {restore, verify}) {
      assertThat(refused.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
      assertThat(refused.err()).contains("nothing was restored").contains(reasons);
    }
    assertThat(wholeCluster("after")).isEqualTo(cluster);
  }
}
