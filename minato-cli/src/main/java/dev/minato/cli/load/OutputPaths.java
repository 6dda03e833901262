package dev.minato.cli.load;

import dev.minato.cli.UserError;
import dev.minato.manifest.AtomicFile;
import dev.minato.manifest.FileErrors;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Checks that a report or log path can be written before a run starts. The files themselves are
 * written atomically at the end (a temporary file beside them, then a rename), so what must hold
 * now is: the path is not a directory, its directory exists and accepts new files, and an existing
 * file may be replaced.
 */
public final class OutputPaths {

  private OutputPaths() {}

  /** Throws an invalid-input error naming {@code option} when {@code path} cannot be written. */
  public static void checkWritable(Path path, String option) {
    if (path == null || "-".equals(path.toString())) {
      return;
    }
    Path absolute = path.toAbsolutePath();
    if (Files.isDirectory(absolute)) {
      throw UserError.invalidInput(option + " " + path + ": is a directory; name a file in it");
    }
    Path dir = absolute.getParent();
    if (dir == null || !Files.isDirectory(dir)) {
      throw UserError.invalidInput(
          option + " " + path + ": directory " + dir + " does not exist; create it first");
    }
    if (!Files.isWritable(dir)) {
      throw UserError.invalidInput(option + " " + path + ": directory " + dir + " is not writable");
    }
    if (Files.exists(absolute) && !Files.isWritable(absolute)) {
      throw UserError.invalidInput(option + " " + path + ": the file exists and is read-only");
    }
    // Permission bits do not tell root (a CI container) that a read-only mount or /proc takes no
    // new files: begin the file as it will be written, beside its target, and drop it.
    try {
      AtomicFile.begin(path).discard();
    } catch (IOException e) {
      throw UserError.invalidInput(
          option + " " + path + ": cannot create a file in " + dir + ": " + FileErrors.reason(e));
    }
  }
}
