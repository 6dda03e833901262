package dev.minato.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
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

  @Test
  void writesThroughASymbolicLinkAndKeepsTheLink(@TempDir Path dir) throws Exception {
    Path real = dir.resolve("reports/latest.txt");
    Files.createDirectories(real.getParent());
    Files.writeString(real, "old");
    Path link = Files.createSymbolicLink(dir.resolve("report.txt"), real);

    AtomicFile.write(link, "new");

    // Renaming over the link would have cut it from the file it names.
    assertThat(Files.isSymbolicLink(link)).isTrue();
    assertThat(real).hasContent("new");
  }

  @Test
  void writesIntoAPipeInsteadOfReplacingIt(@TempDir Path dir) throws Exception {
    // What '-o /dev/stdout' or '-o /dev/null' name: not a file that a rename may replace (as root,
    // a rename over /dev/null replaced the device with a regular file).
    Path pipe = dir.resolve("pipe");
    assertThat(new ProcessBuilder("mkfifo", pipe.toString()).start().waitFor()).isZero();
    ExecutorService reader =
        Executors.newSingleThreadExecutor(
            r -> {
              Thread t = new Thread(r, "pipe-reader");
              t.setDaemon(true); // a reader left waiting on a replaced pipe must not hold the JVM
              return t;
            });
    try {
      Future<String> read = reader.submit(() -> Files.readString(pipe));

      AtomicFile.write(pipe, "report");

      assertThat(read.get(30, TimeUnit.SECONDS)).isEqualTo("report");
      assertThat(Files.readAttributes(pipe, BasicFileAttributes.class).isOther()).isTrue();
      try (Stream<Path> files = Files.list(dir)) {
        assertThat(files).containsExactly(pipe);
      }
    } finally {
      reader.shutdownNow();
    }
  }

  @Test
  void writesIntoAShellsProcessSubstitution(@TempDir Path dir) throws Exception {
    // '-o >(gzip > report.gz)' names /dev/fd/63: a link to an anonymous pipe, whose text
    // ('pipe:[1234]') is no path to follow or to write a temporary file beside.
    Path fds = Path.of("/proc/self/fd");
    org.junit.jupiter.api.Assumptions.assumeTrue(Files.isDirectory(fds));
    java.util.Set<Path> before = pipes(fds);
    Path received = dir.resolve("received");
    Process cat =
        new ProcessBuilder("cat")
            .redirectOutput(received.toFile())
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    try {
      java.util.Set<Path> opened = pipes(fds);
      opened.removeAll(before);
      assertThat(opened).as("the pipe to cat's input").hasSize(1);

      AtomicFile.write(opened.iterator().next(), "report");
      cat.getOutputStream().close();

      assertThat(cat.waitFor(30, TimeUnit.SECONDS)).isTrue();
      assertThat(received).hasContent("report");
    } finally {
      cat.destroy();
    }
  }

  /** This process's descriptors that are anonymous pipes. */
  private static java.util.Set<Path> pipes(Path fds) throws Exception {
    java.util.Set<Path> pipes = new java.util.HashSet<>();
    try (Stream<Path> entries = Files.list(fds)) {
      for (Path fd : (Iterable<Path>) entries::iterator) {
        try {
          if (Files.readSymbolicLink(fd).toString().startsWith("pipe:")) {
            pipes.add(fd);
          }
        } catch (java.io.IOException closedMeanwhile) {
          // The listing's own descriptor is gone by now.
        }
      }
    }
    return pipes;
  }
}
