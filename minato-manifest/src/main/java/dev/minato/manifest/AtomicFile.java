package dev.minato.manifest;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Writes a file so that readers never see half of it: the content goes to a temporary file in the
 * same directory, which is then renamed over the target. Temporary files are created owner-only, so
 * the result is given the permissions of an ordinary new file ({@code rw-r--r--}), or kept
 * owner-only for files that hold credentials.
 */
public final class AtomicFile {

  private static final Set<PosixFilePermission> ORDINARY =
      PosixFilePermissions.fromString("rw-r--r--");
  private static final Set<PosixFilePermission> PRIVATE =
      PosixFilePermissions.fromString("rw-------");

  /** What writes the content. */
  @FunctionalInterface
  public interface Body {
    void writeTo(Writer out) throws IOException;
  }

  private AtomicFile() {}

  public static void write(Path target, String content) throws IOException {
    write(target, out -> out.write(content), ORDINARY);
  }

  public static void write(Path target, Body body) throws IOException {
    write(target, body, ORDINARY);
  }

  /** For credentials (a kubeconfig): readable by the owner only. */
  public static void writePrivate(Path target, String content) throws IOException {
    write(target, out -> out.write(content), PRIVATE);
  }

  private static void write(Path target, Body body, Set<PosixFilePermission> permissions)
      throws IOException {
    Path absolute = target.toAbsolutePath();
    Path dir = absolute.getParent();
    Files.createDirectories(dir);
    Path temp = Files.createTempFile(dir, "." + absolute.getFileName(), ".tmp");
    try {
      try (Writer out = Files.newBufferedWriter(temp, StandardCharsets.UTF_8)) {
        body.writeTo(out);
      }
      try {
        Files.setPosixFilePermissions(temp, permissions);
      } catch (UnsupportedOperationException notPosix) {
        // Other file systems have no such bits; their defaults apply.
      }
      try {
        Files.move(
            temp, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, absolute, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(temp);
    }
  }
}
