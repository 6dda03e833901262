package dev.minato.secrets.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The real {@code age} and {@code age-keygen} binaries (Debian package {@code age}; CI installs
 * it). A missing binary fails the test with the install hint, never skips it.
 */
public final class AgeTool {

  private AgeTool() {}

  /** A key made by {@code age-keygen -o FILE}: the file and its public key. */
  public record GeneratedKey(Path file, String recipient) {}

  public static GeneratedKey keygen(Path dir, String name) throws IOException {
    Path file = dir.resolve(name);
    run(null, "age-keygen", "-o", file.toString());
    for (String line : Files.readAllLines(file)) {
      if (line.startsWith("# public key: ")) {
        return new GeneratedKey(file, line.substring("# public key: ".length()).strip());
      }
    }
    throw new AssertionError("age-keygen wrote no public key line to " + file);
  }

  public static byte[] run(byte[] stdin, String... command) throws IOException {
    List<String> args = new ArrayList<>(List.of(command));
    Process process;
    try {
      process = new ProcessBuilder(args).redirectErrorStream(false).start();
    } catch (IOException e) {
      throw new AssertionError(
          "'" + command[0] + "' is not installed: apt-get install age (CI installs it)", e);
    }
    // Feed stdin from another thread: age writes while it reads, and both pipes are bounded.
    Thread feeder =
        new Thread(
            () -> {
              try (var in = process.getOutputStream()) {
                if (stdin != null) {
                  in.write(stdin);
                }
              } catch (IOException ignored) {
                // The tool exited early; its exit status tells why.
              }
            });
    feeder.start();
    byte[] out = process.getInputStream().readAllBytes();
    byte[] err = process.getErrorStream().readAllBytes();
    try {
      if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
        throw new AgeToolFailed(
            String.join(" ", command) + " failed: " + new String(err, StandardCharsets.UTF_8));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
    return out;
  }

  /** The real tool refused its input (exit status not 0). */
  public static final class AgeToolFailed extends IOException {
    public AgeToolFailed(String message) {
      super(message);
    }
  }
}
