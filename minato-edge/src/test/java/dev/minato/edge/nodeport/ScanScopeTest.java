package dev.minato.edge.nodeport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.minato.manifest.nodeport.NodePortClaim;
import dev.minato.spec.read.SpecError;
import dev.minato.spec.read.SpecException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which files the NodePort scan reads: copies of manifests are not claims. */
class ScanScopeTest {

  private static final String SERVICE =
      "apiVersion: v1\nkind: Service\nmetadata: {name: NAME}\n"
          + "spec:\n  type: NodePort\n  ports:\n    - port: 80\n      nodePort: PORT\n";

  private static void service(Path file, String name, int port) throws Exception {
    Files.createDirectories(file.getParent());
    Files.writeString(file, SERVICE.replace("NAME", name).replace("PORT", Integer.toString(port)));
  }

  private static List<String> claimed(Path root, List<String> exclude) throws Exception {
    return ManifestNodePorts.scan(new ScanScope(root, exclude)).claims().stream()
        .map(NodePortClaim::owner)
        .toList();
  }

  @Test
  void readsPlainManifestsAnywhereInTheRepository(@TempDir Path root) throws Exception {
    service(root.resolve("legacy/svc.yaml"), "legacy", 30100);

    assertThat(claimed(root, List.of())).containsExactly("Service/legacy");
  }

  @Test
  void skipsABackupDirectory(@TempDir Path root) throws Exception {
    service(root.resolve("backups/2026-11-30/shop/Service/legacy.yaml"), "legacy", 30100);
    Files.writeString(
        root.resolve("backups/2026-11-30/index.yaml"),
        "apiVersion: minato.dev/v1\nkind: BackupIndex\nobjects: 1\n");

    assertThat(claimed(root, List.of())).isEmpty();
  }

  @Test
  void readsADirectoryWhoseIndexIsNotABackup(@TempDir Path root) throws Exception {
    service(root.resolve("docs-site/svc.yaml"), "site", 30100);
    Files.writeString(root.resolve("docs-site/index.yaml"), "title: the docs\n");

    assertThat(claimed(root, List.of())).containsExactly("Service/site");
  }

  @Test
  void skipsGenerateOutputAndHiddenDirectories(@TempDir Path root) throws Exception {
    service(root.resolve("manifests/shop/default.yaml"), "shop", 30100);
    Files.writeString(root.resolve("manifests/.minato-generated"), "");
    service(root.resolve(".cache/svc.yaml"), "cached", 30101);

    assertThat(claimed(root, List.of())).isEmpty();
  }

  @Test
  void skipsWhatPlatformExcludesByGlob(@TempDir Path root) throws Exception {
    service(root.resolve("rendered/prd/all.yaml"), "rendered", 30100);
    service(root.resolve("tmp/kustomize-out.yaml"), "tmp", 30101);
    service(root.resolve("tmp/keep/svc.yaml"), "kept", 30102);

    assertThat(claimed(root, List.of("rendered/", "./tmp/*.yaml"))).containsExactly("Service/kept");
  }

  @Test
  void platformReadsExcludeGlobs(@TempDir Path root) throws Exception {
    Path file = root.resolve("platform.yaml");
    Files.writeString(
        file,
        "apiVersion: minato.dev/v1\nkind: Platform\nnodePortScan:\n  exclude: [rendered/**]\n");

    assertThat(Platform.read(file).scanExclude()).containsExactly("rendered/**");
  }

  @Test
  void platformRejectsABrokenGlobAtItsPosition(@TempDir Path root) throws Exception {
    Path file = root.resolve("platform.yaml");
    Files.writeString(
        file,
        "apiVersion: minato.dev/v1\nkind: Platform\nnodePortScan:\n  exclude: [\"rendered/{a\"]\n");

    SpecException e = catchThrowableOfType(SpecException.class, () -> Platform.read(file));

    assertThat(e.errors())
        .map(SpecError::toString)
        .singleElement()
        .asString()
        .startsWith(file + ":4:")
        .contains("nodePortScan.exclude")
        .contains("glob 'rendered/{a'");
  }

  @Test
  void platformRejectsAnUnknownScanField(@TempDir Path root) throws Exception {
    Path file = root.resolve("platform.yaml");
    Files.writeString(
        file, "apiVersion: minato.dev/v1\nkind: Platform\nnodePortScan:\n  excludes: [rendered]\n");

    SpecException e = catchThrowableOfType(SpecException.class, () -> Platform.read(file));

    assertThat(e.errors())
        .map(SpecError::toString)
        .singleElement()
        .asString()
        .contains("did you mean 'exclude'");
  }
}
