package dev.minato.cli.check;

import static org.assertj.core.api.Assertions.assertThat;

import dev.minato.cli.CliRun;
import dev.minato.cli.ExitCodes;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code check --spec} reports a spec whose logs declare no format, pointing into the spec. */
class SpecLogFormatCheckTest {

  private static final String SPEC =
      "apiVersion: minato.dev/v1\nkind: App\nmetadata: {name: shop}\n"
          + "spec:\n  image: shop:1.0\n  port: 8080\n  resources: {cpu: 500m, memory: 256Mi}\n"
          + "  logs:\n    stream: access\n";

  @Test
  void aLogsSectionWithoutFormatIsAWarningAtTheSpec(@TempDir Path dir) throws Exception {
    Path spec = Files.writeString(dir.resolve("minato.yaml"), SPEC);

    CliRun run = CliRun.of("check", "--spec", spec.toString(), "--fail-on", "warning");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.CHECK_FAILED);
    assertThat(run.out())
        .contains("minato.yaml (default):1:1")
        .contains("log-format-declared")
        .contains("sends its logs to stream 'access' without a format");
  }

  @Test
  void aDeclaredFormatHasNoFinding(@TempDir Path dir) throws Exception {
    Path spec =
        Files.writeString(
            dir.resolve("minato.yaml"),
            SPEC.replace("stream: access", "stream: access\n    format: nginx"));

    CliRun run = CliRun.of("check", "--spec", spec.toString());

    assertThat(run.out()).doesNotContain("log-format-declared");
  }
}
