package dev.minato.cli.edge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.minato.cli.CliRun;
import dev.minato.cli.ExitCodes;
import dev.minato.cli.Snapshots;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The lock belongs to the repository: commands given one app, or a subset, see every spec of the
 * repository, keep every lock line and never hand out a port another spec names.
 */
class RepositoryLockTest {

  private static String app(String name, String nodePort) {
    return NodePortsCommandTest.app(name, nodePort);
  }

  /** The documented example: one app's spec into ./deploy. */
  private static CliRun generateShop(Path dir, String... more) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "generate",
                "-f",
                dir.resolve("apps/shop").toString(),
                "-o",
                dir.resolve("deploy").toString()));
    args.addAll(List.of(more));
    return CliRun.of(args.toArray(String[]::new));
  }

  private static Path repository(Path dir) throws Exception {
    Files.createDirectories(dir.resolve(".git"));
    for (String name : new String[] {"shop", "cart", "search", "fixed"}) {
      Files.createDirectories(dir.resolve("apps/" + name));
    }
    Files.writeString(dir.resolve("apps/shop/minato.yaml"), app("shop", "auto"));
    Files.writeString(dir.resolve("apps/cart/minato.yaml"), app("cart", "auto"));
    Files.writeString(dir.resolve("apps/search/minato.yaml"), app("search", "auto"));
    Files.writeString(dir.resolve("apps/fixed/minato.yaml"), app("fixed", "30084"));
    return dir;
  }

  @Test
  void generatingOneAppKeepsEveryOtherAppsLockLine(@TempDir Path dir) throws Exception {
    repository(dir);
    assertThat(CliRun.of("nodeports", "-f", dir.toString()).exitCode()).isZero();
    String lock = Files.readString(dir.resolve("nodeports.lock"));

    CliRun generate = generateShop(dir);

    assertThat(generate.exitCode()).as(generate.err()).isZero();
    assertThat(Files.readString(dir.resolve("nodeports.lock"))).isEqualTo(lock).contains("cart ");
    assertThat(CliRun.of("nodeports", "-f", dir.toString(), "--check").exitCode()).isZero();
    assertThat(generateShop(dir, "--check").exitCode()).isZero();
  }

  @Test
  void aSubsetRunOnAFreshRepositoryLocksEveryAppOnce(@TempDir Path dir) throws Exception {
    repository(dir);

    CliRun subset = CliRun.of("nodeports", "-f", dir.resolve("apps/shop").toString());
    String lock = Files.readString(dir.resolve("nodeports.lock"));
    CliRun whole = CliRun.of("nodeports", "-f", dir.toString(), "--check");

    assertThat(subset.exitCode()).as(subset.err()).isZero();
    assertThat(lock).contains("\ncart ").contains("\nsearch ").contains("\nshop ");
    assertThat(whole.exitCode()).as(whole.out()).isZero();
  }

  @Test
  void aSubsetNeverHandsOutAPortAnotherSpecNamesExplicitly(@TempDir Path dir) throws Exception {
    repository(dir);
    // The lock of a repository where 'shop' once held 30084, before 'fixed' claimed it by hand.
    Files.writeString(dir.resolve("nodeports.lock"), "shop 30084\n");

    CliRun subset = CliRun.of("nodeports", "-f", dir.resolve("apps/shop").toString());

    assertThat(subset.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(subset.err())
        .contains("NodePort 30084 is locked for app 'shop'")
        .contains("app 'fixed'");
    assertThat(Files.readString(dir.resolve("nodeports.lock"))).isEqualTo("shop 30084\n");
  }

  @Test
  void lbRenderOfOneAppAgreesWithTheLockAfterGeneratingIt(@TempDir Path dir) throws Exception {
    repository(dir);
    Files.writeString(
        dir.resolve("nodes.yaml"),
        "apiVersion: minato.dev/v1\nkind: NodeInventory\n"
            + "nodes:\n  - {name: w1, address: 10.0.0.1}\n");
    assertThat(generateShop(dir).exitCode()).isZero();

    CliRun render =
        CliRun.of(
            "lb",
            "render",
            "-f",
            dir.resolve("apps/cart").toString(),
            "--env",
            "default",
            "--nodes",
            dir.resolve("nodes.yaml").toString());

    assertThat(render.exitCode()).as(render.err()).isZero();
    assertThat(render.out()).contains("backend cart");
  }

  @Test
  void anEmptySpecIsAnErrorAndDeletesNothing(@TempDir Path dir) throws Exception {
    repository(dir);
    Path out = dir.resolve("deploy");
    assertThat(CliRun.of("generate", "-f", dir.toString(), "-o", out.toString()).exitCode())
        .isZero();
    Map<String, String> before = Snapshots.files(dir);

    for (String text : new String[] {"", "# emptied by a bad merge\n", "null\n"}) {
      Files.writeString(dir.resolve("apps/cart/minato.yaml"), text);
      Map<String, String> withSpec = Snapshots.files(dir);

      CliRun run = CliRun.of("generate", "-f", dir.toString(), "-o", out.toString());

      assertThat(run.exitCode()).as(text).isEqualTo(ExitCodes.INVALID_INPUT);
      assertThat(run.err()).contains("apps/cart/minato.yaml:1:1: the spec file is empty");
      assertThat(Snapshots.files(dir)).isEqualTo(withSpec);
      assertThat(withSpec.get("nodeports.lock")).isEqualTo(before.get("nodeports.lock"));
    }
  }

  @Test
  void aNestedRepositoryWithItsOwnLockKeepsItsAppsToItself(@TempDir Path dir) throws Exception {
    repository(dir);
    Path nested = dir.resolve("examples");
    Files.createDirectories(nested.resolve("demo"));
    Files.writeString(nested.resolve("demo/minato.yaml"), app("demo", "auto"));
    Files.writeString(nested.resolve("nodeports.lock"), "demo 30001\n");

    CliRun outer = CliRun.of("nodeports", "-f", dir.resolve("apps/shop").toString());
    CliRun inner = CliRun.of("nodeports", "-f", nested.toString(), "--check");

    assertThat(outer.exitCode()).as(outer.err()).isZero();
    assertThat(Files.readString(dir.resolve("nodeports.lock"))).doesNotContain("demo");
    assertThat(inner.exitCode()).as(inner.out()).isZero();
  }

  @Test
  void aSubsetNeverTakesTheExplicitPortOfAnAppOutsideIt(@TempDir Path dir) throws Exception {
    repository(dir);
    // 'other' names, by hand, exactly the port the hash would pick first for 'shop'.
    CRC32 crc = new CRC32();
    crc.update("shop".getBytes(StandardCharsets.UTF_8));
    int firstChoice = 30000 + (int) (crc.getValue() % 86); // the default static band 30000-30085
    Files.createDirectories(dir.resolve("apps/other"));
    Files.writeString(dir.resolve("apps/other/minato.yaml"), app("other", "" + firstChoice));

    CliRun run = generateShop(dir, "--flat");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(Files.readString(dir.resolve("deploy/shop/default.yaml")))
        .contains("nodePort: ")
        .doesNotContain("nodePort: " + firstChoice);
    assertThat(Files.readString(dir.resolve("nodeports.lock")))
        .doesNotContain("shop " + firstChoice);
  }

  @Test
  void aBrokenSpecElsewhereInTheRepositoryStopsASubsetRun(@TempDir Path dir) throws Exception {
    repository(dir);
    Files.writeString(
        dir.resolve("apps/cart/minato.yaml"), app("cart", "auto").replace("image", "imag"));

    CliRun run = generateShop(dir);

    assertThat(run.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(run.err())
        .contains(dir.resolve("apps/cart/minato.yaml") + ":5:3: spec.imag: unknown field 'imag'")
        .contains("cover every spec of the repository at " + dir);
    assertThat(dir.resolve("deploy")).doesNotExist();
    assertThat(dir.resolve("nodeports.lock")).doesNotExist();
  }
}
