package dev.minato.cli.edge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.minato.cli.CliRun;
import dev.minato.cli.ExitCodes;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NodePortsCommandTest {

  static String app(String name, String nodePort) {
    return "apiVersion: minato.dev/v1\nkind: App\nmetadata: {name: "
        + name
        + "}\n"
        + "spec:\n  image: a:1\n  port: 80\n  resources: {cpu: 1, memory: 1Gi}\n"
        + "  expose: {type: NodePort, nodePort: "
        + nodePort
        + "}\n";
  }

  private static Path repository(Path dir) throws Exception {
    Files.createDirectories(dir.resolve(".git"));
    Files.createDirectories(dir.resolve("apps/a"));
    Files.createDirectories(dir.resolve("apps/b"));
    Files.writeString(dir.resolve("apps/a/minato.yaml"), app("a", "auto"));
    Files.writeString(dir.resolve("apps/b/minato.yaml"), app("b", "30080"));
    return dir;
  }

  @Test
  void assignsRecordsAndThenFindsTheLockUpToDate(@TempDir Path dir) throws Exception {
    repository(dir);

    CliRun assign = CliRun.of("nodeports", "-f", dir.resolve("apps").toString());
    CliRun check = CliRun.of("nodeports", "-f", dir.resolve("apps").toString(), "--check");

    assertThat(assign.exitCode()).as(assign.err()).isZero();
    assertThat(assign.out())
        .containsPattern("a +300[0-8][0-9]  new")
        .contains("b                        30080  explicit");
    assertThat(Files.readString(dir.resolve("nodeports.lock")))
        .containsPattern("\na 300[0-8][0-9]\n");
    assertThat(check.exitCode()).isZero();
  }

  @Test
  void checkFailsWhenTheLockIsStaleAndChangesNothing(@TempDir Path dir) throws Exception {
    repository(dir);
    Files.writeString(dir.resolve("nodeports.lock"), "gone 30001\n");

    CliRun check = CliRun.of("nodeports", "-f", dir.resolve("apps").toString(), "--check");

    assertThat(check.exitCode()).isEqualTo(ExitCodes.CHECK_FAILED);
    assertThat(check.out()).contains("-gone 30001").containsPattern("\\+a 300[0-8][0-9]");
    assertThat(check.err()).contains("is stale; run 'minato nodeports'");
    assertThat(Files.readString(dir.resolve("nodeports.lock"))).isEqualTo("gone 30001\n");
  }

  @Test
  void aCollisionWithAPlainManifestNamesBothClaimants(@TempDir Path dir) throws Exception {
    repository(dir);
    Files.writeString(
        dir.resolve("legacy.yaml"),
        "apiVersion: v1\nkind: Service\nmetadata: {name: legacy, namespace: shop}\n"
            + "spec:\n  type: NodePort\n  ports:\n    - port: 80\n      nodePort: 30080\n");

    CliRun run = CliRun.of("nodeports", "-f", dir.resolve("apps").toString());

    assertThat(run.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(run.err())
        .contains("NodePort 30080 is claimed by")
        .contains("Service/shop/legacy")
        .contains("app 'b'")
        .contains("legacy.yaml:8:17");
    assertThat(dir.resolve("nodeports.lock")).doesNotExist();
  }

  @Test
  void generateFillsInTheAssignedPortAndKeepsTheLock(@TempDir Path dir) throws Exception {
    repository(dir);
    Path out = dir.resolve("manifests");

    CliRun run =
        CliRun.of("generate", "-f", dir.resolve("apps").toString(), "-o", out.toString(), "--flat");

    assertThat(run.exitCode()).as(run.err()).isZero();
    String port =
        Files.readString(dir.resolve("nodeports.lock"))
            .lines()
            .filter(l -> l.startsWith("a "))
            .findFirst()
            .orElseThrow()
            .substring(2);
    assertThat(Files.readString(out.resolve("a/default.yaml"))).contains("nodePort: " + port);
    // The generated Services are skipped by the next scan: no collision with themselves.
    assertThat(CliRun.of("nodeports", "-f", dir.resolve("apps").toString(), "--check").exitCode())
        .isZero();
  }
}
