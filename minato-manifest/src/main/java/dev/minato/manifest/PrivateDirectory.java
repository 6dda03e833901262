package dev.minato.manifest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Directories only their owner may enter (mode 0700), for what describes a cluster: backups and
 * migration state. Created with the mode from the first instant, never chmod-ed afterwards, so no
 * other user can open a file inside in between.
 */
public final class PrivateDirectory {

  private static final FileAttribute<Set<PosixFilePermission>> OWNER_ONLY =
      PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"));

  private PrivateDirectory() {}

  /** Creates {@code dir}, which must not exist yet, owner-only. */
  public static Path create(Path dir) throws IOException {
    try {
      return Files.createDirectory(dir, OWNER_ONLY);
    } catch (UnsupportedOperationException notPosix) {
      // A file system without POSIX modes (Windows) has its own access rules, which then apply.
      return Files.createDirectory(dir);
    }
  }

  /** Creates {@code dir} and its missing parents, each new one owner-only. */
  public static Path createAll(Path dir) throws IOException {
    try {
      return Files.createDirectories(dir, OWNER_ONLY);
    } catch (UnsupportedOperationException notPosix) {
      return Files.createDirectories(dir);
    }
  }
}
