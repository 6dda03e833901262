package dev.minato.cli.generate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.minato.cli.ChildJvm;
import dev.minato.cli.CliRun;
import dev.minato.cli.ExitCodes;
import dev.minato.cli.Snapshots;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code generate} killed (as by SIGKILL) at every step of replacing its output: the previous
 * output stays whole under its name, or is put back by the next command that reads it, and the next
 * run removes every leftover and writes the complete new output.
 */
class GenerateKilledMidSwapTest {

  private static final String SPEC =
      "apiVersion: minato.dev/v1\nkind: App\nmetadata: {name: a}\n"
          + "spec:\n  image: a:1\n  port: 80\n  resources: {cpu: 1, memory: 1Gi}\n";

  @TempDir Path dir;

  Path out;
  String[] generate;
  Map<String, String> before;

  /** Generates the output, changes the spec, and runs generate again killed at {@code step}. */
  void generatedThenKilledAt(String step) throws Exception {
    Path specs = Files.createDirectories(dir.resolve("specs/a"));
    Files.writeString(specs.resolve("minato.yaml"), SPEC);
    out = Files.createDirectories(dir.resolve("out")).resolve("manifests");
    generate =
        new String[] {"generate", "-f", dir.resolve("specs").toString(), "-o", out.toString()};
    assertThat(CliRun.of(generate).exitCode()).isZero();
    before = Snapshots.files(out);
    Files.writeString(specs.resolve("minato.yaml"), SPEC.replace("image: a:1", "image: a:2"));

    CliRun killed = ChildJvm.minato(List.of("-Dminato.test.haltAt=" + step), generate);

    assertThat(killed.exitCode()).as(killed.err()).isEqualTo(137);
  }

  @Test
  void checkOfAPathInsideAnOutputKilledBetweenItsRenamesPutsTheOutputBackFirst() throws Exception {
    generatedThenKilledAt("aside");
    assertThat(out).doesNotExist();

    CliRun check = CliRun.of("check", out.resolve("a/base").toString());

    assertThat(check.exitCode()).as(check.err()).isIn(ExitCodes.OK, ExitCodes.CHECK_FAILED);
    assertThat(Snapshots.files(out)).isEqualTo(before);
  }

  @ParameterizedTest(name = "killed at {0}")
  @ValueSource(strings = {"partial", "staged", "aside", "swapped"})
  void theOutputSurvivesAKillAtEveryStepAndTheNextRunCleansUp(String step) throws Exception {
    generatedThenKilledAt(step);
    Path parent = out.getParent();
    if (step.equals("aside")) {
      // The one moment the output is not under its name: whole, beside it, hidden.
      assertThat(out).doesNotExist();
      List<String> hidden =
          Snapshots.entries(parent).stream().filter(n -> n.contains(".old-")).toList();
      assertThat(hidden).hasSize(1);
      assertThat(Snapshots.files(parent.resolve(hidden.get(0)))).isEqualTo(before);
      // Any command that reads the output puts it back first.
      CliRun check = CliRun.of(append(generate, "--check"));
      assertThat(check.exitCode()).isEqualTo(ExitCodes.CHECK_FAILED);
      assertThat(Snapshots.files(out)).isEqualTo(before);
    } else if (step.equals("swapped")) {
      assertThat(Snapshots.files(out)).isNotEqualTo(before).containsKey(".minato-generated");
    } else {
      assertThat(Snapshots.files(out)).isEqualTo(before);
    }
    assertThat(Snapshots.entries(parent)).hasSizeGreaterThan(1);

    CliRun next = CliRun.of(generate);

    assertThat(next.exitCode()).as(next.err()).isZero();
    assertThat(Snapshots.entries(parent)).containsExactly("manifests");
    Path fresh = dir.resolve("fresh");
    assertThat(CliRun.of(generate[0], generate[1], generate[2], "-o", fresh.toString()).exitCode())
        .isZero();
    assertThat(Snapshots.files(out)).isEqualTo(Snapshots.files(fresh));
  }

  private static String[] append(String[] args, String more) {
    String[] all = java.util.Arrays.copyOf(args, args.length + 1);
    all[args.length] = more;
    return all;
  }
}
