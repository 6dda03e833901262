package dev.minato.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MainTest {

  @Test
  void printsTheVersion() {
    CliRun run = CliRun.of("--version");

    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).startsWith("minato 0.1.0");
  }

  @Test
  void aMissingCommandIsAUsageError() {
    CliRun run = CliRun.of();

    assertThat(run.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(run.err()).contains("a command is required");
  }

  @Test
  void aMisspeltOptionIsAUsageErrorWithSuggestion() {
    CliRun run = CliRun.of("generate", "--flta");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(run.err()).contains("Unknown option: '--flta'").contains("--flat");
  }

  @Test
  void everyCommandsHelpShowsAnExample() {
    for (String command : new String[] {"generate", "demo", "lb render", "nodeports"}) {
      CliRun run = CliRun.of((command + " --help").split(" "));
      assertThat(run.exitCode()).isZero();
      assertThat(run.out()).as(command).contains("Examples:").contains("minato " + command);
    }
  }
}
