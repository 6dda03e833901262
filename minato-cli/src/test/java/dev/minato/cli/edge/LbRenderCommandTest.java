package dev.minato.cli.edge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.minato.cli.CliRun;
import dev.minato.cli.ExitCodes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LbRenderCommandTest {

  private static final String EXAMPLES = Path.of("..", "examples").toString();
  private static final String NODES = Path.of("..", "examples", "nodes", "prd.yaml").toString();

  @Test
  void rendersHaproxyForTheSelectedNodes() {
    CliRun run = CliRun.of("lb", "render", "-f", EXAMPLES, "--env", "prd", "--nodes", NODES);

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out())
        .contains("backend shop-api")
        .contains("server prd-worker-1 10.20.1.11:30080 check")
        .doesNotContain("prd-cp-1")
        .contains("uri /readyz");
  }

  @Test
  void writesTheFileAtomicallyAndDiffsAgainstIt(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("haproxy.cfg");
    assertThat(
            CliRun.of(
                    "lb",
                    "render",
                    "-f",
                    EXAMPLES,
                    "--env",
                    "prd",
                    "--nodes",
                    NODES,
                    "-o",
                    file.toString())
                .exitCode())
        .isZero();

    CliRun same =
        CliRun.of(
            "lb",
            "render",
            "-f",
            EXAMPLES,
            "--env",
            "prd",
            "--nodes",
            NODES,
            "--diff",
            file.toString());
    CliRun changed =
        CliRun.of(
            "lb",
            "render",
            "-f",
            EXAMPLES,
            "--env",
            "prd",
            "--nodes",
            NODES,
            "--selector",
            "node-role.kubernetes.io/worker,!node-role.kubernetes.io/control-plane",
            "--fall",
            "5",
            "--diff",
            file.toString());

    assertThat(same.exitCode()).isZero();
    assertThat(same.out()).isEmpty();
    assertThat(changed.exitCode()).isEqualTo(ExitCodes.CHECK_FAILED);
    assertThat(changed.out())
        .contains("-    default-server inter 2000ms rise 2 fall 3")
        .contains("+    default-server inter 2000ms rise 2 fall 5");
    try (var files = Files.list(dir)) {
      assertThat(files).containsExactly(file);
    }
  }

  @Test
  void anAs3DeclarationNeedsAVirtualAddress() {
    CliRun run =
        CliRun.of(
            "lb", "render", "-f", EXAMPLES, "--env", "prd", "--nodes", NODES, "--format", "f5-as3");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(run.err()).contains("needs --vip");
  }

  @Test
  void aWrongInventoryOrEnvironmentIsInvalidInput() {
    CliRun wrongEnv = CliRun.of("lb", "render", "-f", EXAMPLES, "--env", "dev", "--nodes", NODES);
    CliRun noInventory =
        CliRun.of("lb", "render", "-f", EXAMPLES, "--env", "prd", "--nodes", "missing.yaml");

    assertThat(wrongEnv.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(wrongEnv.err()).contains("the inventory is for environment 'prd', not 'dev'");
    assertThat(noInventory.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(noInventory.err()).contains("no node inventory");
  }

  @Test
  void rejectsAnUnknownFormat() {
    CliRun run =
        CliRun.of(
            "lb", "render", "-f", EXAMPLES, "--env", "prd", "--nodes", NODES, "--format", "f5");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(run.err()).contains("expected haproxy, nginx, f5-as3 or json, found 'f5'");
  }

  /** The interval used to take only whole seconds or milliseconds; kubectl's syntax is Go's. */
  @Test
  void readsTheCheckIntervalAsKubectlReadsDurations() {
    CliRun run = renderPrd("--check-interval", "1.5s");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).contains("default-server inter 1500ms");
  }

  @Test
  void rejectsACheckIntervalWithoutUnitSayingWhatIsMissing() {
    CliRun run = renderPrd("--check-interval", "2");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(run.err()).contains("--check-interval: '2' is not a duration: '2' has no unit");
  }

  private static CliRun renderPrd(String... options) {
    return renderPrdWith(NODES, options);
  }

  private static CliRun renderPrdWith(String nodes, String... options) {
    List<String> args =
        new ArrayList<>(List.of("lb", "render", "-f", EXAMPLES, "--env", "prd", "--nodes", nodes));
    args.addAll(List.of(options));
    return CliRun.of(args.toArray(String[]::new));
  }

  @Test
  void aRogueNodeNameIsRefusedAndTheConfigurationKept(@TempDir Path dir) throws Exception {
    Path nodes = dir.resolve("nodes.yaml");
    Files.writeString(
        nodes,
        "apiVersion: minato.dev/v1\nkind: NodeInventory\nnodes:\n"
            + "  - {name: \"prd-worker-1\\n    server rogue 203.0.113.66:30080 check\","
            + " address: 10.20.1.11}\n");
    Path file = dir.resolve("haproxy.cfg");
    Files.writeString(file, "# the running configuration\n");

    CliRun run = renderPrdWith(nodes.toString(), "-o", file.toString());

    assertThat(run.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(run.err())
        .contains(nodes + ":4:")
        .contains("nodes[0].name: node name 'prd-worker-1\\n    server rogue");
    assertThat(run.out()).doesNotContain("rogue");
    assertThat(Files.readString(file)).isEqualTo("# the running configuration\n");
  }
}
