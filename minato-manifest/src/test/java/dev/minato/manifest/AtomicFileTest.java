package dev.minato.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFileTest {

  @Test
  void replacesTheFileWithOrdinaryPermissionsAndLeavesNoTemporaryFile(@TempDir Path dir)
      throws Exception {
    Path file = dir.resolve("sub/haproxy.cfg");
    AtomicFile.write(file, "old");

    AtomicFile.write(file, "new");

    assertThat(file).hasContent("new");
    // A service user (haproxy, nginx) must be able to read what minato wrote.
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-r--r--");
    try (Stream<Path> files = Files.list(file.getParent())) {
      assertThat(files).containsExactly(file);
    }
  }

  @Test
  void keepsCredentialsOwnerOnly(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("kubeconfig");

    AtomicFile.writePrivate(file, "token");

    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
  }
}
