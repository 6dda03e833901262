package dev.minato.edge.lb;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** A rendered configuration checked by the real binary: {@code haproxy -c}, {@code nginx -t}. */
final class ConfigValidation {

  /** What the binary said, and its exit code (0: valid). */
  record Result(int exitCode, String output) {}

  private ConfigValidation() {}

  static Result haproxy(Path dir, String config) throws Exception {
    Path file = dir.resolve("haproxy.cfg");
    Files.writeString(file, config);
    return run(dir, "haproxy", "-c", "-f", file.toString());
  }

  static Result nginx(Path dir, String config) throws Exception {
    Path file = dir.resolve("nginx.conf");
    Files.writeString(file, config);
    return run(
        dir,
        "nginx",
        "-t",
        "-p",
        dir.toString(),
        "-c",
        file.toString(),
        "-g",
        "pid " + dir.resolve("nginx.pid") + "; error_log " + dir.resolve("error.log") + ";");
  }

  private static Result run(Path dir, String... command) throws Exception {
    Process process =
        new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    return new Result(process.exitValue(), output);
  }
}
