package dev.minato.cli.load;

import dev.minato.cli.UserError;
import dev.minato.manifest.AtomicFile;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/** Output files appear whole or not at all: written beside the target, then moved into place. */
final class AtomicFiles {

  private AtomicFiles() {}

  static void write(Path target, String content) {
    try {
      AtomicFile.write(target, content);
    } catch (IOException e) {
      throw UserError.environment("cannot write " + target + ": " + e.getMessage());
    }
  }

  /** A temporary file beside {@code target}, for content written over time. */
  static Path temp(Path target) {
    Path dir = target.toAbsolutePath().getParent();
    try {
      Files.createDirectories(dir);
      Path temp = Files.createTempFile(dir, "." + target.getFileName(), ".tmp");
      readableByAll(temp);
      return temp;
    } catch (IOException e) {
      throw UserError.environment("cannot write in " + dir + ": " + e.getMessage());
    }
  }

  /** Temporary files start private; the result is a normal file, like one the shell creates. */
  private static void readableByAll(Path temp) throws IOException {
    try {
      Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-r--r--"));
    } catch (UnsupportedOperationException notPosix) {
      // Other file systems have no such bits; their defaults apply.
    }
  }

  static OutputStream open(Path temp) {
    try {
      return Files.newOutputStream(temp);
    } catch (IOException e) {
      throw UserError.environment("cannot write " + temp + ": " + e.getMessage());
    }
  }

  static void commit(Path temp, Path target) throws IOException {
    try {
      Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  static void discard(Path temp) {
    try {
      Files.deleteIfExists(temp);
    } catch (IOException ignored) {
      // Best effort: a leftover temporary file is harmless and clearly named.
    }
  }
}
