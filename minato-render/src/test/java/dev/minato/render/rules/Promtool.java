package dev.minato.render.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The real {@code promtool} (Debian's prometheus package), which these tests never do without. */
final class Promtool {

  private Promtool() {}

  static Path path() {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      Path candidate = Path.of(dir, "promtool");
      if (Files.isExecutable(candidate)) {
        return candidate;
      }
    }
    return fail(
        "promtool is not on PATH: these tests run the real promtool on the generated rules;"
            + " install it (Debian: apt-get install prometheus; .ci/run does)");
  }

  /** Runs promtool in {@code dir}; asserts exit 0 and returns its output. */
  static String run(Path dir, String... args) throws IOException, InterruptedException {
    Outcome outcome = attempt(dir, args);
    assertThat(outcome.exitCode())
        .as("promtool %s in %s:%n%s", List.of(args), dir, outcome.text())
        .isZero();
    return outcome.text();
  }

  /** What promtool printed and its exit code, for runs expected to fail. */
  record Outcome(int exitCode, String text) {}

  static Outcome attempt(Path dir, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(path().toString());
    command.addAll(List.of(args));
    Process process =
        new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
    byte[] output = process.getInputStream().readAllBytes();
    assertThat(process.waitFor(10, TimeUnit.MINUTES)).isTrue();
    return new Outcome(process.exitValue(), new String(output, StandardCharsets.UTF_8));
  }
}
