package dev.minato.cluster.apply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.minato.cluster.connect.ClusterException;
import dev.minato.cluster.connect.ClusterSession;
import dev.minato.cluster.testing.Sandbox;
import dev.minato.manifest.KubeObject;
import dev.minato.manifest.input.InputSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What an apply must prove before it changes anything, and the refusals when it cannot. */
class ApplyOwnershipTest {

  static String app(String app, String env, String namespace) {
    return """
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: %1$s-config
          namespace: %3$s
          labels: {app.kubernetes.io/name: %1$s, minato.dev/environment: %2$s}
        data: {mode: fast}
        ---
        apiVersion: v1
        kind: Service
        metadata:
          name: %1$s
          namespace: %3$s
          labels: {app.kubernetes.io/name: %1$s, minato.dev/environment: %2$s}
        spec: {selector: {app: %1$s}, ports: [{port: 80}]}
        """
        .formatted(app, env, namespace);
  }

  @TempDir Path dir;
  Sandbox sandbox;
  ClusterSession session;
  Applier applier;
  List<String> progress = new ArrayList<>();

  @BeforeEach
  void start() throws Exception {
    sandbox = Sandbox.start(dir, "emu");
    sandbox.create("apiVersion: v1\nkind: Namespace\nmetadata: {name: prd}\n");
    session = ClusterSession.open(sandbox.target);
    applier = Applier.of(session);
  }

  @AfterEach
  void stop() {
    session.close();
    sandbox.close();
  }

  List<KubeObject> objects(String yaml) throws Exception {
    Path file = dir.resolve("in-" + System.nanoTime() + ".yaml");
    Files.writeString(file, yaml);
    return ApplierTest.read(new InputSource.Files(file));
  }

  ApplyOptions into(String name, String input) {
    return ApplyOptions.into(Inventory.named(name)).withInput(input, false);
  }

  Optional<String> inventoryData(String namespace, String name, String field) {
    var map = sandbox.client.configMaps().inNamespace(namespace).withName(name).get();
    return map == null ? Optional.empty() : Optional.ofNullable(map.getData().get(field));
  }

  @Test
  void theInventoryLivesInTheObjectsNamespaceAndRecordsClusterAndInput() throws Exception {
    applier.apply(
        objects(app("storefront", "prd", "prd")), into("storefront-prd", "-k a"), progress::add);

    assertThat(inventoryData("prd", "minato-inventory-storefront-prd", "objects"))
        .hasValueSatisfying(o -> assertThat(o).contains("v1 Service prd storefront"));
    assertThat(inventoryData("prd", "minato-inventory-storefront-prd", "cluster"))
        .contains(sandbox.emulator.clusterUid());
    assertThat(inventoryData("prd", "minato-inventory-storefront-prd", "input")).contains("-k a");
    assertThat(sandbox.client.configMaps().inNamespace("default").list().getItems())
        .noneMatch(m -> m.getMetadata().getName().startsWith("minato-inventory"));
  }

  @Test
  void objectsInSeveralNamespacesNeedAnInventoryNamespace() throws Exception {
    String spread =
        app("a", "prd", "prd")
            + "---\n"
            + app("a", "prd", "default")
                .replace("a-config", "b-config")
                .replace("name: a\n", "name: b\n");
    assertThatThrownBy(() -> applier.apply(objects(spread), into("a-prd", "x"), progress::add))
        .isInstanceOf(ClusterException.class)
        .hasMessageContaining("several namespaces (default, prd)")
        .hasMessageContaining("--inventory-namespace");
    assertThat(sandbox.client.services().inAnyNamespace().list().getItems()).isEmpty();
  }

  @Test
  void pruningOneAppNeverTouchesAnotherInTheSameNamespace() throws Exception {
    applier.apply(
        objects(app("storefront", "prd", "prd")), into("storefront-prd", "s"), progress::add);
    applier.apply(objects(app("ledger", "prd", "prd")), into("ledger-prd", "l"), progress::add);

    String onlyConfig = app("storefront", "prd", "prd").split("---\n")[0];
    ApplyReport report =
        applier.apply(objects(onlyConfig), into("storefront-prd", "s").withPrune(), progress::add);

    assertThat(report.results())
        .filteredOn(r -> r.outcome() == Outcome.PRUNED)
        .extracting(r -> r.key().toString())
        .containsExactly("Service/prd/storefront");
    assertThat(sandbox.client.services().inNamespace("prd").withName("ledger").get()).isNotNull();
    assertThat(sandbox.client.configMaps().inNamespace("prd").withName("ledger-config").get())
        .isNotNull();
  }

  @Test
  void refusesAnInventoryWrittenInAnotherClusterAndChangesNothing() throws Exception {
    applier.apply(
        objects(app("storefront", "prd", "prd")), into("storefront-prd", "s"), progress::add);
    var map =
        sandbox.client.configMaps().inNamespace("prd").withName("minato-inventory-storefront-prd");
    map.edit(
        m -> {
          m.getData().put("cluster", "another-cluster-uid");
          return m;
        });

    String changed = app("storefront", "prd", "prd").replace("mode: fast", "mode: slow");
    assertThatThrownBy(
            () ->
                applier.apply(
                    objects(changed), into("storefront-prd", "s").withPrune(), progress::add))
        .isInstanceOf(ClusterException.class)
        .hasMessageContaining("was written in another cluster")
        .hasMessageContaining("identity another-cluster-uid")
        .hasMessageContaining("--adopt-inventory")
        .hasMessageContaining("nothing was changed");
    assertThat(
            sandbox
                .client
                .configMaps()
                .inNamespace("prd")
                .withName("storefront-config")
                .get()
                .getData())
        .containsEntry("mode", "fast");

    applier.apply(
        objects(changed),
        ApplyOptions.into(Inventory.named("storefront-prd")).withInput("s", true),
        progress::add);
    assertThat(inventoryData("prd", "minato-inventory-storefront-prd", "cluster"))
        .contains(sandbox.emulator.clusterUid());
  }

  @Test
  void refusesAnInventoryWrittenForAnotherInput() throws Exception {
    applier.apply(
        objects(app("storefront", "prd", "prd")),
        into("prd", "-k manifests/storefront/overlays/prd"),
        progress::add);

    assertThatThrownBy(
            () ->
                applier.apply(
                    objects(app("ledger", "prd", "prd")),
                    into("prd", "-k manifests/ledger/overlays/prd").withPrune(),
                    progress::add))
        .hasMessageContaining(
            "was written for '-k manifests/storefront/overlays/prd', not"
                + " '-k manifests/ledger/overlays/prd'")
        .hasMessageContaining("choose another name with --inventory");
    assertThat(sandbox.client.services().inNamespace("prd").withName("ledger").get()).isNull();
    assertThat(sandbox.client.services().inNamespace("prd").withName("storefront").get())
        .isNotNull();
  }

  @Test
  void refusesToTakeOverAnObjectAnotherInventoryLabelled() throws Exception {
    applier.apply(
        objects(app("storefront", "prd", "prd")), into("storefront-prd", "s"), progress::add);
    String sameService = app("other", "prd", "prd").replace("name: other\n", "name: storefront\n");

    assertThatThrownBy(
            () -> applier.apply(objects(sameService), into("other-prd", "o"), progress::add))
        .hasMessageContaining("Service/prd/storefront belongs to inventory 'storefront-prd'");
    assertThat(sandbox.client.configMaps().inNamespace("prd").withName("other-config").get())
        .as("the rest of the input is not applied either")
        .isNull();
  }

  @Test
  void refusesToCreateAnObjectAnotherInventoryRecords() throws Exception {
    applier.apply(
        objects(app("storefront", "prd", "prd")), into("storefront-prd", "s"), progress::add);
    sandbox.client.services().inNamespace("prd").withName("storefront").delete();
    String sameService = app("other", "prd", "prd").replace("name: other\n", "name: storefront\n");

    assertThatThrownBy(
            () -> applier.apply(objects(sameService), into("other-prd", "o"), progress::add))
        .hasMessageContaining(
            "Service/prd/storefront is recorded by ConfigMap/prd/minato-inventory-storefront-prd");
  }

  @Test
  void refusesToPruneAnObjectOfAnotherApp() throws Exception {
    applier.apply(objects(app("storefront", "prd", "prd")), into("shared", "s"), progress::add);
    sandbox
        .client
        .services()
        .inNamespace("prd")
        .withName("storefront")
        .edit(
            s -> {
              s.getMetadata().getLabels().put("app.kubernetes.io/name", "ledger");
              return s;
            });
    String onlyConfig = app("storefront", "prd", "prd").split("---\n")[0];

    assertThatThrownBy(
            () ->
                applier.apply(objects(onlyConfig), into("shared", "s").withPrune(), progress::add))
        .hasMessageContaining(
            "prune would delete Service/prd/storefront of app 'ledger' (app.kubernetes.io/name),"
                + " but this input is app storefront");
    assertThat(sandbox.client.services().inNamespace("prd").withName("storefront").get())
        .isNotNull();
  }

  @Test
  void anObjectWhoseLabelWasRemovedIsHandedOverNotPruned() throws Exception {
    applier.apply(
        objects(app("storefront", "prd", "prd")), into("storefront-prd", "s"), progress::add);
    sandbox
        .client
        .services()
        .inNamespace("prd")
        .withName("storefront")
        .edit(
            s -> {
              s.getMetadata().getLabels().remove(Inventory.LABEL);
              return s;
            });
    String onlyConfig = app("storefront", "prd", "prd").split("---\n")[0];

    ApplyReport report =
        applier.apply(objects(onlyConfig), into("storefront-prd", "s").withPrune(), progress::add);

    assertThat(report.results())
        .filteredOn(r -> r.key().kind().equals("Service"))
        .extracting(ObjectResult::outcome)
        .containsExactly(Outcome.SKIPPED);
    assertThat(sandbox.client.services().inNamespace("prd").withName("storefront").get())
        .isNotNull();
  }

  @Test
  void theNamespaceFlagNeverMovesAnObjectThatNamesOneUnlessForced() throws Exception {
    List<KubeObject> input = objects(app("storefront", "prd", "prd"));
    ApplyOptions moved =
        into("storefront-prd", "s").withNamespaces(Optional.of("default"), "default", false);

    assertThatThrownBy(() -> applier.apply(input, moved, progress::add))
        .hasMessageMatching(
            "(?s).*in-\\d+\\.yaml:5:14: ConfigMap/storefront-config names namespace 'prd' but -n says 'default'; drop -n, or pass --force-namespace.*");

    applier.apply(
        input,
        into("storefront-prd", "s").withNamespaces(Optional.of("default"), "default", true),
        progress::add);
    assertThat(sandbox.client.services().inNamespace("default").withName("storefront").get())
        .isNotNull();
  }

  @Test
  void clientDryRunReadsTheClusterAndWritesNothing() throws Exception {
    applier.apply(
        objects(app("storefront", "prd", "prd")), into("storefront-prd", "s"), progress::add);
    String changed = app("storefront", "prd", "prd").replace("mode: fast", "mode: slow");
    String resourceVersion =
        sandbox
            .client
            .configMaps()
            .inNamespace("prd")
            .withName("storefront-config")
            .get()
            .getMetadata()
            .getResourceVersion();

    ApplyReport report =
        applier.apply(
            objects(changed), into("storefront-prd", "s").withDryRun(DryRun.CLIENT), progress::add);

    assertThat(report.results())
        .extracting(r -> r.key().kind() + ":" + r.outcome())
        .containsExactly("ConfigMap:CONFIGURED", "Service:UNCHANGED");
    assertThat(
            sandbox
                .client
                .configMaps()
                .inNamespace("prd")
                .withName("storefront-config")
                .get()
                .getMetadata()
                .getResourceVersion())
        .isEqualTo(resourceVersion);
  }

  @Test
  void refusesToPruneAnObjectRelabelledForAnotherInventory() throws Exception {
    applier.apply(
        objects(app("storefront", "prd", "prd")), into("storefront-prd", "s"), progress::add);
    sandbox
        .client
        .services()
        .inNamespace("prd")
        .withName("storefront")
        .edit(
            s -> {
              s.getMetadata().getLabels().put(Inventory.LABEL, "checkout-prd");
              return s;
            });
    String onlyConfig = app("storefront", "prd", "prd").split("---\n")[0];

    assertThatThrownBy(
            () ->
                applier.apply(
                    objects(onlyConfig), into("storefront-prd", "s").withPrune(), progress::add))
        .hasMessageContaining(
            "prune would delete Service/prd/storefront, which is labelled for inventory"
                + " 'checkout-prd', not 'storefront-prd'");
    assertThat(sandbox.client.services().inNamespace("prd").withName("storefront").get())
        .isNotNull();
  }

  @Test
  void refusesToPruneAnObjectAnotherInventoryAlsoRecords() throws Exception {
    applier.apply(
        objects(app("storefront", "prd", "prd")), into("storefront-prd", "s"), progress::add);
    sandbox.create(
        """
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: minato-inventory-checkout-prd
          namespace: prd
          labels: {minato.dev/inventory-of: checkout-prd}
        data: {objects: "v1 Service prd storefront\\n"}
        """);
    String onlyConfig = app("storefront", "prd", "prd").split("---\n")[0];

    assertThatThrownBy(
            () ->
                applier.apply(
                    objects(onlyConfig), into("storefront-prd", "s").withPrune(), progress::add))
        .hasMessageContaining(
            "prune would delete Service/prd/storefront, which"
                + " ConfigMap/prd/minato-inventory-checkout-prd records");
    assertThat(sandbox.client.services().inNamespace("prd").withName("storefront").get())
        .isNotNull();
  }
}
