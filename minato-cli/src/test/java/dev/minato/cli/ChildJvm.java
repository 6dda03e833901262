package dev.minato.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the real command line in a JVM of its own, as the {@code ./minato} launcher does, for what a
 * test cannot do in its own JVM: be killed ({@code -Dminato.test.haltAt}), or run out of memory.
 */
public final class ChildJvm {

  private ChildJvm() {}

  /** Runs {@code mainClass args} with {@code jvmOptions} and the test class path. */
  public static CliRun run(List<String> jvmOptions, String mainClass, String... args)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmOptions);
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(mainClass);
    command.addAll(List.of(args));
    Path out = Files.createTempFile("minato-child-", ".out");
    Path err = Files.createTempFile("minato-child-", ".err");
    try {
      Process process =
          new ProcessBuilder(command)
              .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
              .redirectOutput(out.toFile())
              .redirectError(err.toFile())
              .start();
      if (!process.waitFor(120, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException("the child JVM did not finish: " + command);
      }
      return new CliRun(
          process.exitValue(),
          Files.readString(out, StandardCharsets.UTF_8),
          Files.readString(err, StandardCharsets.UTF_8));
    } finally {
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    }
  }

  /** Runs the minato command line with {@code jvmOptions}. */
  public static CliRun minato(List<String> jvmOptions, String... args)
      throws IOException, InterruptedException {
    return run(jvmOptions, Main.class.getName(), args);
  }
}
