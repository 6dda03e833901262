package dev.minato.cluster.backup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.minato.cluster.connect.ClusterException;
import dev.minato.cluster.connect.ResourceCatalog;
import dev.minato.cluster.objects.LiveObjects;
import dev.minato.cluster.testing.Sandbox;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RestoreReadsOnlyItsBackupTest {

  static final String BINDING =
      """
      apiVersion: rbac.authorization.k8s.io/v1
      kind: ClusterRoleBinding
      metadata: {name: settings}
      roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: cluster-admin}
      subjects: [{kind: ServiceAccount, name: default, namespace: shop}]
      """;

  @TempDir Path dir;
  Sandbox sandbox;
  Path backup;

  @BeforeEach
  void backUp() throws Exception {
    sandbox = Sandbox.start(dir, "shop");
    sandbox.create("apiVersion: v1\nkind: Namespace\nmetadata: {name: shop}\n");
    sandbox.create(
        "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: settings, namespace: shop}\n"
            + "data: {mode: fast}\n");
    backup = dir.resolve("backup");
    new BackupWriter(new LiveObjects(sandbox.client), ResourceCatalog.discover(sandbox.client))
        .write(backup, BackupOptions.everything(100), line -> {});
  }

  @AfterEach
  void stop() {
    sandbox.close();
  }

  /** Lists {@code path} in the index with the checksum of {@code content}. */
  void addToIndex(String path, String content) throws IOException {
    Path index = backup.resolve(BackupLayout.INDEX);
    String text = Files.readString(index);
    Files.writeString(
        index,
        text.replace(
            "files:\n",
            "files:\n  \"" + path + "\": \"sha256:" + BackupIndex.sha256(content) + "\"\n"));
  }

  ClusterException refusal() {
    Throwable thrown =
        org.assertj.core.api.Assertions.catchThrowable(
            () -> BackupContents.read(backup, Optional.empty()));
    assertThat(thrown).isInstanceOf(ClusterException.class);
    ClusterException e = (ClusterException) thrown;
    assertThat(e.reason()).isEqualTo(ClusterException.Reason.INVALID_INPUT);
    assertThat(e.getMessage()).contains("nothing was restored");
    return e;
  }

  @Test
  void anIndexPathLeadingOutOfTheBackupIsRefused() throws Exception {
    Files.writeString(dir.resolve("x"), BINDING);
    addToIndex("../x", BINDING);

    assertThat(refusal().getMessage()).contains("../x: not a path of a minato backup");
  }

  @Test
  void anAbsoluteIndexPathIsRefused() throws Exception {
    Path outside = dir.resolve("outside.yaml");
    Files.writeString(outside, BINDING);
    addToIndex(outside.toString(), BINDING);

    assertThat(refusal().getMessage()).contains(outside + ": not a path of a minato backup");
  }

  @Test
  void aDotDotSegmentInsideTheLayoutIsRefused() throws Exception {
    addToIndex("shop/../../x.yaml", BINDING);

    assertThat(refusal().getMessage()).contains("shop/../../x.yaml: not a path");
  }

  @Test
  void aSymbolicLinkToAFileOutsideIsRefused() throws Exception {
    Path outside = dir.resolve("outside.yaml");
    Files.writeString(
        outside, "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: other, namespace: shop}\n");
    Files.createSymbolicLink(backup.resolve("shop/ConfigMap/other.yaml"), outside);
    addToIndex("shop/ConfigMap/other.yaml", Files.readString(outside));

    assertThat(refusal().getMessage())
        .contains("shop/ConfigMap/other.yaml: is a symbolic link (shop/ConfigMap/other.yaml)");
  }

  @Test
  void aSymbolicLinkedDirectoryOnTheWayIsRefused() throws Exception {
    Path outside = Files.createDirectories(dir.resolve("elsewhere/ConfigMap"));
    Files.writeString(
        outside.resolve("x.yaml"),
        "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x, namespace: evil}\n");
    Files.createSymbolicLink(backup.resolve("evil"), dir.resolve("elsewhere"));
    addToIndex("evil/ConfigMap/x.yaml", Files.readString(outside.resolve("x.yaml")));

    assertThat(refusal().getMessage()).contains("evil/ConfigMap/x.yaml: is a symbolic link (evil)");
  }

  @Test
  void aClusterRoleBindingStoredAsAConfigMapFileIsRefusedEvenWithAMatchingChecksum()
      throws Exception {
    String path = "shop/ConfigMap/settings.yaml";
    Files.writeString(backup.resolve(path), BINDING);
    Path index = backup.resolve(BackupLayout.INDEX);
    String text = Files.readString(index);
    String old = BackupIndex.read(backup).files().get(path);
    Files.writeString(index, text.replace(old, BackupIndex.sha256(BINDING)));

    assertThat(refusal().getMessage())
        .contains(
            "shop/ConfigMap/settings.yaml: holds ClusterRoleBinding.rbac.authorization.k8s.io"
                + " settings, but its place is ConfigMap shop/settings");
  }

  @Test
  void anObjectInAnotherNamespaceThanItsPlaceIsRefused() throws Exception {
    String content =
        "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: settings, namespace: kube-system}\n";
    Files.writeString(backup.resolve("shop/ConfigMap/settings.yaml"), content);
    Path index = backup.resolve(BackupLayout.INDEX);
    String old = BackupIndex.read(backup).files().get("shop/ConfigMap/settings.yaml");
    Files.writeString(index, Files.readString(index).replace(old, BackupIndex.sha256(content)));

    assertThat(refusal().getMessage())
        .contains("holds ConfigMap kube-system/settings, but its place is ConfigMap shop/settings");
  }

  @Test
  void aPlainSecretFileIsNotOfTheLayout() throws Exception {
    String content = "apiVersion: v1\nkind: Secret\nmetadata: {name: s, namespace: shop}\n";
    Files.createDirectories(backup.resolve("shop/Secret"));
    Files.writeString(backup.resolve("shop/Secret/s.yaml"), content);
    addToIndex("shop/Secret/s.yaml", content);

    assertThat(refusal().getMessage()).contains("shop/Secret/s.yaml: not a path");
  }

  @Test
  void anUntouchedBackupStillReads() throws Exception {
    assertThat(BackupContents.read(backup, Optional.empty()))
        .extracting(BackupContents.Entry::path)
        .contains("_cluster/Namespace/shop.yaml", "shop/ConfigMap/settings.yaml");
  }
}
