package dev.minato.cli.collector;

import static org.assertj.core.api.Assertions.assertThat;

import dev.minato.cli.CliRun;
import dev.minato.cli.ExitCodes;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CollectorCommandTest {

  private static final Path EXAMPLES = Path.of("..", "examples");

  /** Runs the collector over the examples with this platform file; the output is dir/collector. */
  private static CliRun withPlatform(Path dir, String platform) throws Exception {
    Path file = Files.writeString(dir.resolve("platform.yaml"), platform);
    return CliRun.of(
        "collector",
        "-f",
        EXAMPLES.toString(),
        "--platform",
        file.toString(),
        "-o",
        dir.resolve("collector").toString());
  }

  @Test
  void theExamplesCollectorPassesCheckWithoutFindings(@TempDir Path dir) {
    Path out = dir.resolve("collector");

    CliRun run = CliRun.of("collector", "-f", EXAMPLES.toString(), "-o", out.toString());
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).contains("6 objects, 3 of 10 apps routed by spec.logs");
    assertThat(run.err())
        .contains("warning: rule 'emails' at ")
        .contains("Fluent Bit does not apply it");

    CliRun check = CliRun.of("check", out.resolve("collector.yaml").toString());
    assertThat(check.exitCode()).as(check.out()).isZero();
    assertThat(check.out()).contains("0 errors, 0 warnings, 0 info in 6 objects");
  }

  @Test
  void aPlatformWithoutLoggingIsRefusedAndNothingIsWritten(@TempDir Path dir) throws Exception {
    CliRun run = withPlatform(dir, "apiVersion: minato.dev/v1\nkind: Platform\n");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(run.err()).contains("has no logging section");
    assertThat(dir.resolve("collector")).doesNotExist();
  }

  @Test
  void aBadOutputIsRefusedAtItsPosition(@TempDir Path dir) throws Exception {
    CliRun run =
        withPlatform(
            dir,
            "apiVersion: minato.dev/v1\nkind: Platform\nlogging:\n  output:\n"
                + "    cloudwatch: {region: europe}\n");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(run.err())
        .contains("platform.yaml:5:26")
        .contains("logging.output.cloudwatch.region: 'europe' is not an AWS region");
    assertThat(dir.resolve("collector")).doesNotExist();
  }

  @Test
  void aMissingPlatformRulesetIsRefusedAndNothingIsWritten(@TempDir Path dir) throws Exception {
    CliRun run =
        withPlatform(
            dir,
            "apiVersion: minato.dev/v1\nkind: Platform\nlogging:\n  rules: .minato/logs.yaml\n"
                + "  output: {loki: {host: loki}}\n");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(run.err()).contains("the masking ruleset of the platform does not exist");
    assertThat(dir.resolve("collector")).doesNotExist();
  }

  @Test
  void twoOutputsAreRefused(@TempDir Path dir) throws Exception {
    CliRun run =
        withPlatform(
            dir,
            "apiVersion: minato.dev/v1\nkind: Platform\nlogging:\n  output:\n"
                + "    loki: {host: loki}\n    elasticsearch: {host: es}\n");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(run.err()).contains("name exactly one output of cloudwatch, loki, elasticsearch");
  }

  @Test
  void aDirectoryNotWrittenByTheCollectorIsNeverReplaced(@TempDir Path dir) throws Exception {
    Path out = Files.createDirectories(dir.resolve("precious"));
    Files.writeString(out.resolve("notes.txt"), "mine");

    CliRun run = CliRun.of("collector", "-f", EXAMPLES.toString(), "-o", out.toString());

    assertThat(run.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(run.err()).contains("was not written by minato collector");
    assertThat(out.resolve("notes.txt")).hasContent("mine");
    assertThat(out.resolve("collector.yaml")).doesNotExist();
  }
}
