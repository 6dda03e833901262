package dev.minato.cluster.apply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.minato.cluster.testing.Sandbox;
import dev.minato.manifest.KubeObject;
import dev.minato.manifest.SourcePosition;
import dev.minato.manifest.input.InputSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InventoryNameTest {

  @TempDir Path repo;

  static KubeObject labelled(String app, String env) {
    String labels =
        (app == null ? "" : "app.kubernetes.io/name: " + app + ", ")
            + (env == null ? "" : "minato.dev/environment: " + env);
    return KubeObject.synthetic(
        Sandbox.tree(
            "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c, labels: {" + labels + "}}\n"),
        SourcePosition.ofSource("x.yaml"));
  }

  @Test
  void generatedOutputIsNamedAppDashEnvironment() throws Exception {
    assertThat(
            InventoryName.derive(
                List.of(labelled("storefront", "prd")),
                List.of(new InputSource.Files(Path.of("deploy/prd.yaml")))))
        .isEqualTo("storefront-prd");
  }

  @Test
  void twoAppsWithAnOverlayNamedPrdGetDifferentNames() throws Exception {
    Files.createDirectories(repo.resolve(".git"));
    Path storefront = Files.createDirectories(repo.resolve("manifests/storefront/overlays/prd"));
    Path ledger = Files.createDirectories(repo.resolve("manifests/ledger/overlays/prd"));

    String a = InventoryName.ofPath(storefront);
    String b = InventoryName.ofPath(ledger);

    assertThat(a).isEqualTo("manifests-storefront-overlays-prd");
    assertThat(b).isEqualTo("manifests-ledger-overlays-prd");
  }

  @Test
  void aLongPathKeepsItsEndAndAHashAndStaysAValidName() throws Exception {
    Path deep = Path.of("/nowhere/without/a/repository/team-payments/services/ledger/overlays/prd");
    Path other =
        Path.of("/nowhere/without/a/repository/team-billings/services/ledger/overlays/prd");

    String name = InventoryName.ofPath(deep);

    assertThat(Inventory.isValidName(name)).as(name).isTrue();
    assertThat(name).contains("ledger-overlays-prd");
    assertThat(name).isNotEqualTo(InventoryName.ofPath(other));
  }

  @Test
  void severalAppsNeedAnExplicitName() {
    assertThatThrownBy(
            () ->
                InventoryName.derive(
                    List.of(labelled("storefront", "prd"), labelled("ledger", "prd")),
                    List.of(new InputSource.Files(Path.of("deploy")))))
        .hasMessageContaining("several apps (ledger, storefront)")
        .hasMessageContaining("--inventory NAME");
  }

  @Test
  void theStandardInputWithoutLabelsNeedsAnExplicitName() {
    assertThatThrownBy(
            () ->
                InventoryName.derive(
                    List.of(labelled(null, null)), List.of(new InputSource.Stdin())))
        .hasMessageContaining("the standard input")
        .hasMessageContaining("--inventory NAME");
  }

  @Test
  void aFlatFileIsNamedWithoutItsExtension() throws Exception {
    Files.createDirectories(repo.resolve(".git"));
    Path file = Files.createDirectories(repo.resolve("deploy")).resolve("prd.yaml");
    assertThat(InventoryName.ofPath(file)).isEqualTo("deploy-prd");
  }
}
