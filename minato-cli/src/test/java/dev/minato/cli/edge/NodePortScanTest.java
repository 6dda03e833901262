package dev.minato.cli.edge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.minato.cli.CliRun;
import dev.minato.cli.ExitCodes;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Copies of manifests in a repository do not block generate, and a real collision is located. */
class NodePortScanTest {

  private static final String SPEC =
      "apiVersion: minato.dev/v1\nkind: App\nmetadata: {name: shop}\n"
          + "spec:\n  image: a:1\n  port: 80\n  resources: {cpu: 1, memory: 1Gi}\n"
          + "  expose: {type: NodePort, nodePort: 30080}\n";

  private static final String LEGACY =
      "apiVersion: v1\nkind: Service\nmetadata: {name: legacy}\n"
          + "spec:\n  type: NodePort\n  ports:\n    - port: 80\n      nodePort: 30090\n";

  /** What the cluster (or kubectl kustomize) holds for the app: the same port, a copy. */
  private static final String SHOP_AS_DEPLOYED =
      "apiVersion: v1\nkind: Service\nmetadata: {name: shop, namespace: shop}\n"
          + "spec:\n  type: NodePort\n  ports:\n    - port: 80\n      nodePort: 30080\n";

  private static Path repository(Path dir) throws Exception {
    Files.createDirectories(dir.resolve(".git"));
    Files.createDirectories(dir.resolve("apps/shop"));
    Files.writeString(dir.resolve("apps/shop/minato.yaml"), SPEC);
    Files.createDirectories(dir.resolve("legacy"));
    Files.writeString(dir.resolve("legacy/service.yaml"), LEGACY);
    return dir;
  }

  private static CliRun generate(Path dir) {
    return CliRun.of("generate", "-f", dir.toString(), "-o", dir.resolve("deploy").toString());
  }

  @Test
  void aSavedBackupOfTheClusterDoesNotBlockGenerate(@TempDir Path dir) throws Exception {
    repository(dir);
    Path backup = dir.resolve("backups/prd");
    Files.createDirectories(backup.resolve("default/Service"));
    Files.writeString(backup.resolve("default/Service/shop.yaml"), SHOP_AS_DEPLOYED);
    Files.writeString(
        backup.resolve("index.yaml"), "apiVersion: minato.dev/v1\nkind: BackupIndex\n");

    CliRun run = generate(dir);

    assertThat(run.exitCode()).as(run.err()).isZero();
  }

  @Test
  void aCopyOfAManifestIsACollisionNamingBothFilesAndLines(@TempDir Path dir) throws Exception {
    repository(dir);
    Files.createDirectories(dir.resolve("rendered"));
    Files.writeString(
        dir.resolve("rendered/prd.yaml"), "# kubectl kustomize output\n---\n" + SHOP_AS_DEPLOYED);

    CliRun run = generate(dir);

    assertThat(run.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(run.err())
        .contains("NodePort 30080 is claimed by")
        .contains("Service/shop/shop")
        .contains("app 'shop'")
        .contains(dir.resolve("apps/shop/minato.yaml") + ":8:")
        .contains(dir.resolve("rendered/prd.yaml") + ":10:17")
        .contains("platform.yaml (nodePortScan.exclude)");
    assertThat(dir.resolve("deploy")).doesNotExist();
  }

  @Test
  void platformExcludesACopyFromTheScan(@TempDir Path dir) throws Exception {
    repository(dir);
    Files.createDirectories(dir.resolve("rendered"));
    Files.writeString(dir.resolve("rendered/prd.yaml"), SHOP_AS_DEPLOYED);
    Files.writeString(
        dir.resolve("platform.yaml"),
        "apiVersion: minato.dev/v1\nkind: Platform\nnodePortScan:\n  exclude: [rendered]\n");

    CliRun run = generate(dir);
    CliRun check = CliRun.of("check", "--spec", dir.resolve("apps").toString());

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(check.exitCode()).as(check.err()).isNotEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(check.err()).doesNotContain("claimed by");
  }
}
