package dev.minato.cluster.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.minato.cluster.connect.ClusterException;
import dev.minato.cluster.connect.ResourceCatalog;
import dev.minato.cluster.objects.LiveObjects;
import dev.minato.cluster.testing.Sandbox;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BackupNeverShrinksTest {

  @TempDir Path dir;
  Sandbox sandbox;
  Path backup;

  @BeforeEach
  void start() {
    sandbox = Sandbox.start(dir, "shop");
    sandbox.create("apiVersion: v1\nkind: Namespace\nmetadata: {name: payments}\n");
    for (int i = 0; i < 3; i++) {
      sandbox.create(
          "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c" + i + ", namespace: payments}\n");
    }
    backup = dir.resolve("backups/payments");
  }

  @AfterEach
  void stop() {
    sandbox.close();
  }

  BackupReport backup(List<String> namespaces, boolean replace) throws ClusterException {
    return new BackupWriter(
            new LiveObjects(sandbox.client), ResourceCatalog.discover(sandbox.client))
        .write(
            backup,
            new BackupOptions(namespaces, Optional.empty(), Optional.empty(), 100, replace),
            line -> {});
  }

  static Map<String, String> files(Path root) throws IOException {
    return BackupRoundTripTest.files(root);
  }

  List<String> siblings() throws IOException {
    try (Stream<Path> entries = Files.list(backup.getParent())) {
      return entries.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void aNamespaceTheClusterDoesNotHaveIsRefusedWithASuggestionBeforeAnythingIsWritten()
      throws Exception {
    backup(List.of("payments"), false);
    Map<String, String> before = files(backup);

    assertThatThrownBy(() -> backup(List.of("paymnets"), false))
        .isInstanceOf(ClusterException.class)
        .hasMessageContaining("no such namespace: 'paymnets', did you mean 'payments'?")
        .hasMessageContaining("nothing was written")
        .satisfies(
            e ->
                assertThat(((ClusterException) e).reason())
                    .isEqualTo(ClusterException.Reason.INVALID_INPUT));
    assertThat(files(backup)).isEqualTo(before);
    assertThat(siblings()).containsExactly("payments");
  }

  @Test
  void aBackupThatWouldLoseObjectsIsRefusedNamingThemAndTheOldOneIsKept() throws Exception {
    backup(List.of("payments"), false);
    Map<String, String> before = files(backup);
    sandbox.client.configMaps().inNamespace("payments").withName("c1").delete();

    assertThatThrownBy(() -> backup(List.of("payments"), false))
        .isInstanceOf(ClusterException.class)
        .hasMessageContaining("the previous backup held 4 objects, this one holds 3")
        .hasMessageContaining("payments/ConfigMap/c1.yaml")
        .hasMessageContaining("--replace");
    assertThat(files(backup)).isEqualTo(before);
    assertThat(siblings()).containsExactly("payments");
  }

  @Test
  void replaceAcceptsTheSmallerBackupAndReportsWhatItLost() throws Exception {
    backup(List.of("payments"), false);
    sandbox.client.configMaps().inNamespace("payments").withName("c1").delete();

    BackupReport report = backup(List.of("payments"), true);

    assertThat(report.lost()).containsExactly("payments/ConfigMap/c1.yaml");
    assertThat(report.lostSummary())
        .hasValueSatisfying(s -> assertThat(s).contains("held 4 objects, this one holds 3"));
    assertThat(backup.resolve("payments/ConfigMap/c1.yaml")).doesNotExist();
    assertThat(siblings()).containsExactly("payments");
  }

  @Test
  void aBackupThatOnlyGrowsOrChangesNeedsNoReplace() throws Exception {
    backup(List.of("payments"), false);
    sandbox.create(
        "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c9, namespace: payments}\n"
            + "data: {k: v}\n");

    BackupReport report = backup(List.of("payments"), false);

    assertThat(report.lost()).isEmpty();
    assertThat(report.previous()).isPresent();
    assertThat(backup.resolve("payments/ConfigMap/c9.yaml")).exists();
  }

  @Test
  void aDirectoryThatIsNotABackupIsNeverReplaced() throws Exception {
    Files.createDirectories(backup);
    Files.writeString(backup.resolve("notes.txt"), "mine");

    assertThatThrownBy(() -> backup(List.of(), true))
        .isInstanceOf(ClusterException.class)
        .hasMessageContaining("is not a minato backup (no index.yaml)");
    assertThat(backup.resolve("notes.txt")).hasContent("mine");
    assertThat(siblings()).containsExactly("payments");
  }
}
