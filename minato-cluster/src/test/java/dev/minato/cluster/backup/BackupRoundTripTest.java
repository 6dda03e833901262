package dev.minato.cluster.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.minato.cluster.connect.ClusterException;
import dev.minato.cluster.connect.ResourceCatalog;
import dev.minato.cluster.objects.LiveObjects;
import dev.minato.cluster.restore.BackupVerification;
import dev.minato.cluster.restore.NamespaceMap;
import dev.minato.cluster.restore.RestoreOutcome;
import dev.minato.cluster.restore.RestoreReport;
import dev.minato.cluster.restore.Restorer;
import dev.minato.cluster.testing.Fixtures;
import dev.minato.cluster.testing.Sandbox;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BackupRoundTripTest {

  static final int NAMESPACES = 12;

  /** What every cluster holds and a backup keeps: the Namespace {@code default}. */
  static final int BUILTIN = 1;

  /** The source estate is built once: no test changes it. */
  @TempDir static Path shared;

  static Sandbox source;
  static int expected;

  @TempDir Path dir;
  Sandbox target;

  @BeforeAll
  static void fill() {
    source = Sandbox.start(shared, "source");
    expected = Fixtures.estate(source, NAMESPACES);
  }

  @AfterAll
  static void empty() {
    source.close();
  }

  @BeforeEach
  void start() {
    target = Sandbox.start(dir, "target");
  }

  @AfterEach
  void stop() {
    target.close();
  }

  static BackupOptions all(int pageSize) {
    return new BackupOptions(List.of(), Optional.empty(), Optional.empty(), pageSize, false);
  }

  BackupReport backup(Sandbox sandbox, Path out, BackupOptions options) throws ClusterException {
    return new BackupWriter(
            new LiveObjects(sandbox.client), ResourceCatalog.discover(sandbox.client))
        .write(out, options, line -> {});
  }

  RestoreReport restore(
      Sandbox sandbox, Path backup, Optional<SecretCipher> secrets, boolean dryRun)
      throws ClusterException {
    return new Restorer(new LiveObjects(sandbox.client), ResourceCatalog.discover(sandbox.client))
        .restore(BackupContents.read(backup, secrets), NamespaceMap.none(), dryRun, line -> {});
  }

  static Map<String, String> files(Path root) throws IOException {
    Map<String, String> files = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path file : walk.filter(Files::isRegularFile).toList()) {
        files.put(root.relativize(file).toString(), Files.readString(file));
      }
    }
    return files;
  }

  @Test
  void backupRestoreBackupRoundTripGivesIdenticalFiles() throws Exception {
    BackupReport first = backup(source, dir.resolve("first"), all(7));
    assertThat(first.index().total()).isEqualTo(expected + BUILTIN).isGreaterThan(200);
    RestoreReport restored = restore(target, dir.resolve("first"), Optional.empty(), false);
    assertThat(restored.count(RestoreOutcome.CREATED)).isEqualTo(expected);
    backup(target, dir.resolve("second"), all(50));
    assertThat(files(dir.resolve("second"))).isEqualTo(files(dir.resolve("first")));
  }

  @Test
  void backupUsesTheLayoutAndLeavesOutOwnedGeneratedAndSecretObjects() throws Exception {
    BackupReport report = backup(source, dir.resolve("b"), all(100));
    assertThat(dir.resolve("b/team-3/Widget.example.com/gear.yaml")).exists();
    assertThat(dir.resolve("b/team-3/Deployment.apps/app-1.yaml")).exists();
    assertThat(dir.resolve("b/_cluster/Namespace/team-3.yaml")).exists();
    assertThat(
            dir.resolve(
                "b/_cluster/CustomResourceDefinition.apiextensions.k8s.io/widgets.example.com.yaml"))
        .exists();
    assertThat(dir.resolve("b/team-3/ReplicaSet.apps")).doesNotExist();
    assertThat(dir.resolve("b/team-3/Event")).doesNotExist();
    assertThat(dir.resolve("b/team-3/Secret")).doesNotExist();
    assertThat(report.ownedSkipped()).isEqualTo(NAMESPACES);
    assertThat(report.secretsSkipped()).isEqualTo(2 * NAMESPACES);
  }

  @Test
  void backedUpObjectsCarryNoServerOwnedFields() throws Exception {
    backup(source, dir.resolve("b"), all(100));
    String deployment = Files.readString(dir.resolve("b/team-0/Deployment.apps/app-2.yaml"));
    assertThat(deployment)
        .doesNotContain("uid:", "resourceVersion:", "managedFields", "creationTimestamp", "status:")
        .contains("replicas: 3");
  }

  @Test
  void indexCountsKindsAndChecksumsEveryFile() throws Exception {
    backup(source, dir.resolve("b"), all(100));
    BackupIndex index = BackupIndex.read(dir.resolve("b"));
    assertThat(index.counts())
        .containsEntry("ConfigMap", 10 * NAMESPACES)
        .containsEntry("Widget.example.com", NAMESPACES);
    String file = "team-0/ConfigMap/config-0.yaml";
    assertThat(index.files().get(file))
        .isEqualTo(BackupIndex.sha256(Files.readString(dir.resolve("b").resolve(file))));
  }

  @Test
  void namespaceAndLabelFiltersNarrowTheBackup() throws Exception {
    BackupReport report =
        backup(
            source,
            dir.resolve("b"),
            new BackupOptions(
                List.of("team-1"), Optional.of("app=app-0"), Optional.empty(), 100, false));
    assertThat(report.index().files().keySet())
        .containsExactly(
            "team-1/ConfigMap/config-0.yaml",
            "team-1/ConfigMap/config-3.yaml",
            "team-1/ConfigMap/config-6.yaml",
            "team-1/ConfigMap/config-9.yaml",
            "team-1/Deployment.apps/app-0.yaml");
  }

  @Test
  void secretsAreEncryptedAtRestAndRestoreWithTheKey() throws Exception {
    SecretCipher cipher =
        SecretCipher.ofBase64(Base64.getEncoder().encodeToString(new byte[32]), "test key");
    backup(
        source,
        dir.resolve("b"),
        new BackupOptions(List.of(), Optional.empty(), Optional.of(cipher), 100, false));
    Path file = dir.resolve("b/team-0/Secret/secret-1.yaml.enc");
    String stored = Files.readString(file);
    assertThat(stored).startsWith("minato-aes256gcm-v1:").doesNotContain("password");
    restore(target, dir.resolve("b"), Optional.of(cipher), false);
    assertThat(target.client.secrets().inNamespace("team-0").withName("secret-1").get().getData())
        .containsEntry("password", Base64.getEncoder().encodeToString("pw-team-01".getBytes()));
  }

  @Test
  void restoreWithoutTheKeyOfEncryptedSecretsIsRefused() throws Exception {
    SecretCipher cipher =
        SecretCipher.ofBase64(Base64.getEncoder().encodeToString(new byte[32]), "test key");
    backup(
        source,
        dir.resolve("b"),
        new BackupOptions(List.of(), Optional.empty(), Optional.of(cipher), 100, false));
    assertThatThrownBy(() -> restore(target, dir.resolve("b"), Optional.empty(), false))
        .hasMessageContaining("holds encrypted Secrets");
  }

  @Test
  void aDamagedBackupIsRefusedBeforeAnythingIsRestored() throws Exception {
    backup(source, dir.resolve("b"), all(100));
    Files.writeString(dir.resolve("b/team-0/ConfigMap/config-0.yaml"), "tampered: true\n");
    assertThatThrownBy(() -> restore(target, dir.resolve("b"), Optional.empty(), false))
        .hasMessageContaining("team-0/ConfigMap/config-0.yaml: checksum differs");
    assertThat(Fixtures.userNamespaces(target.client)).isEmpty();
  }

  @Test
  void aFailedBackupLeavesThePreviousOneIntact() throws Exception {
    Fixtures.estate(target, 1);
    backup(target, dir.resolve("b"), all(100));
    Map<String, String> before = files(dir.resolve("b"));
    LiveObjects live = new LiveObjects(target.client);
    ResourceCatalog catalog = ResourceCatalog.discover(target.client);
    target.emulator.close();
    assertThatThrownBy(
            () -> new BackupWriter(live, catalog).write(dir.resolve("b"), all(100), l -> {}))
        .isInstanceOf(ClusterException.class);
    assertThat(files(dir.resolve("b"))).isEqualTo(before);
    try (Stream<Path> siblings = Files.list(dir)) {
      assertThat(siblings.map(p -> p.getFileName().toString()))
          .noneMatch(n -> n.contains(".partial-"));
    }
  }

  @Test
  void restoreIsIdempotent() throws Exception {
    backup(source, dir.resolve("b"), all(100));
    restore(target, dir.resolve("b"), Optional.empty(), false);
    RestoreReport again = restore(target, dir.resolve("b"), Optional.empty(), false);
    assertThat(again.count(RestoreOutcome.UNCHANGED)).isEqualTo(expected + BUILTIN);
  }

  @Test
  void restoreReportsUpdatedForAnObjectChangedSinceTheBackup() throws Exception {
    backup(source, dir.resolve("b"), all(100));
    restore(target, dir.resolve("b"), Optional.empty(), false);
    target.create(
        "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: config-0, namespace: team-0}\ndata: {key: changed}\n");
    RestoreReport again = restore(target, dir.resolve("b"), Optional.empty(), false);
    assertThat(again.objects())
        .filteredOn(o -> o.outcome() == RestoreOutcome.UPDATED)
        .extracting(o -> o.key().toString())
        .containsExactly("ConfigMap/team-0/config-0");
  }

  @Test
  void dryRunRestoreStoresNothing() throws Exception {
    backup(source, dir.resolve("b"), all(100));
    RestoreReport report = restore(target, dir.resolve("b"), Optional.empty(), true);
    assertThat(report.count(RestoreOutcome.CREATED)).isEqualTo(expected - NAMESPACES);
    assertThat(report.count(RestoreOutcome.FAILED)).isEqualTo(NAMESPACES);
    assertThat(Fixtures.userNamespaces(target.client)).isEmpty();
  }

  @Test
  void namespaceMapRestoresIntoRenamedNamespaces() throws Exception {
    backup(
        source,
        dir.resolve("b"),
        new BackupOptions(List.of("team-2"), Optional.empty(), Optional.empty(), 100, false));
    new Restorer(new LiveObjects(target.client), ResourceCatalog.discover(target.client))
        .restore(
            BackupContents.read(dir.resolve("b"), Optional.empty()),
            NamespaceMap.parse(List.of("team-2:staging")),
            false,
            line -> {});
    assertThat(target.client.namespaces().withName("staging").get()).isNotNull();
    assertThat(target.client.configMaps().inNamespace("staging").list().getItems()).hasSize(10);
  }

  @Test
  void verifyRestoresAndFindsNoDifference() throws Exception {
    backup(source, dir.resolve("b"), all(100));
    BackupVerification verification =
        BackupVerification.run(
            new LiveObjects(target.client),
            ResourceCatalog.discover(target.client),
            dir.resolve("b"),
            Optional.empty(),
            line -> {});
    assertThat(verification.differences()).isEmpty();
    assertThat(verification.passed()).isTrue();
  }
}
