package dev.minato.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs one shell function of the {@code ./minato} launcher, taken from the script as it is, so a
 * test can check the launcher's choices (compiler, collector, options) without starting the JVM it
 * would start.
 */
public final class LauncherFunction {

  private static final Path LAUNCHER = Path.of("..", "minato");

  /** What the function printed and its exit code. */
  public record Result(int exitCode, String output) {}

  private LauncherFunction() {}

  /** Runs {@code name args} in bash with the function's definition from the launcher. */
  public static Result run(String name, String... args) throws IOException, InterruptedException {
    String script = Files.readString(LAUNCHER, StandardCharsets.UTF_8);
    int start = script.indexOf(name + "() {");
    if (start < 0) {
      throw new IllegalStateException("no function " + name + " in " + LAUNCHER);
    }
    int end = script.indexOf("\n}\n", start);
    String function = script.substring(start, end + 3);
    List<String> command = new ArrayList<>(List.of("bash", "-c", function + name + " \"$@\"", "-"));
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IllegalStateException("bash did not finish: " + name);
    }
    return new Result(process.exitValue(), output);
  }
}
