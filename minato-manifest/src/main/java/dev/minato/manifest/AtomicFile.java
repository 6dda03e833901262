package dev.minato.manifest;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Writes a file so that readers never see half of it: the content goes to a temporary file in the
 * same directory, which is then renamed over the target. Temporary files are created owner-only, so
 * the result is given the permissions of an ordinary new file ({@code rw-r--r--}), or kept
 * owner-only for files that hold credentials.
 *
 * <p>A symbolic link is followed: the file it names is replaced and the link stays. A target that
 * exists but is no regular file (a device such as {@code /dev/stdout} or {@code /dev/null}, a named
 * pipe) is written into directly, since a rename would replace it with a file: as root, that turned
 * {@code /dev/null} into a regular file for every process on the machine.
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

  /**
   * Starts a file whose content is written over time (a log streamed during a run): write to {@link
   * Pending#out()}, then {@link Pending#commit()} it into place or {@link Pending#discard()}.
   */
  public static Pending begin(Path target) throws IOException {
    return new Pending(target, ORDINARY);
  }

  private static void write(Path target, Body body, Set<PosixFilePermission> permissions)
      throws IOException {
    Pending pending = new Pending(target, permissions);
    try {
      try (Writer out = new OutputStreamWriter(pending.out(), StandardCharsets.UTF_8)) {
        body.writeTo(out);
      }
      pending.commit();
    } finally {
      pending.discard();
    }
  }

  /** A file being written beside its target; nothing is visible at the target until commit. */
  public static final class Pending {

    private final Path target;
    private final Path temp;
    private OutputStream out;
    private boolean committed;

    private Pending(Path target, Set<PosixFilePermission> permissions) throws IOException {
      Path absolute = target.toAbsolutePath();
      if (Files.exists(absolute) && !Files.isRegularFile(absolute)) {
        // A device or a pipe: written into, opened only when written (a pipe's open waits for its
        // reader). Opened by the name given, which also holds for /dev/fd/63 of a shell's '>(...)',
        // a link whose text ('pipe:[1234]') names no path.
        this.target = absolute;
        this.temp = null;
        return;
      }
      this.target = Files.exists(absolute) ? absolute.toRealPath() : followLinks(absolute);
      Path dir = this.target.getParent();
      Files.createDirectories(dir);
      this.temp = Files.createTempFile(dir, "." + this.target.getFileName(), ".tmp");
      try {
        Files.setPosixFilePermissions(temp, permissions);
      } catch (UnsupportedOperationException notPosix) {
        // Other file systems have no such bits; their defaults apply.
      }
    }

    /** The file a chain of symbolic links ends at, which need not exist yet. */
    private static Path followLinks(Path path) throws IOException {
      Path at = path;
      for (int hops = 0; hops < 40 && Files.isSymbolicLink(at); hops++) {
        at = at.resolveSibling(Files.readSymbolicLink(at)).normalize();
      }
      return at;
    }

    /** The stream to write the content to; opened on first use. */
    public OutputStream out() throws IOException {
      if (out == null) {
        out =
            temp == null
                ? Files.newOutputStream(target, StandardOpenOption.WRITE)
                : Files.newOutputStream(temp);
      }
      return out;
    }

    /** Closes the stream and moves the file into place. */
    public void commit() throws IOException {
      if (out != null) {
        out.close();
      }
      if (temp == null) {
        committed = true;
        return;
      }
      try {
        Files.move(
            temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
      }
      committed = true;
    }

    /**
     * Drops the temporary file unless committed; the target keeps its previous content (a device or
     * a pipe keeps what was already written into it).
     */
    public void discard() {
      if (committed) {
        return;
      }
      try {
        if (out != null) {
          out.close();
        }
        if (temp != null) {
          Files.deleteIfExists(temp);
        }
      } catch (IOException ignored) {
        // Best effort: a leftover temporary file is harmless and clearly named.
      }
    }
  }
}
