package dev.minato.cli.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.minato.cli.ExitCodes;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Cluster commands read label selectors as kubectl's -l does, before touching any cluster. */
class SelectorOptionTest {

  @Test
  void backupRefusesAnInvalidSelectorNamingTheColumnAndWritesNothing(@TempDir Path dir) {
    Path output = dir.resolve("backup");

    CliRun run =
        CliRun.of(
            "backup",
            "-o",
            output.toString(),
            "-l",
            "app=(web",
            "--kubeconfig",
            dir.resolve("no-such-kubeconfig").toString());

    assertThat(run.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(run.err())
        .contains(
            "--selector: 'app=(web' is not a label selector: at column 5, expected a label value"
                + " after '=', found '('");
    assertThat(Files.exists(output)).isFalse();
  }
}
