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

  @Test
  void aStreamedFileAppearsOnlyWhenCommittedAndDiscardingKeepsTheOldOne(@TempDir Path dir)
      throws Exception {
    Path file = dir.resolve("run.hlog");
    Files.writeString(file, "previous");

    AtomicFile.Pending discarded = AtomicFile.begin(file);
    discarded.out().write("half".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    discarded.discard();
    assertThat(file).hasContent("previous");

    AtomicFile.Pending pending = AtomicFile.begin(file);
    pending.out().write("whole".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    assertThat(file).hasContent("previous");
    pending.commit();
    pending.discard();

    assertThat(file).hasContent("whole");
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files).containsExactly(file);
    }
  }
}
