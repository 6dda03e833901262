package dev.minato.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicDirectoryTest {

  @TempDir Path dir;

  private Path write(String name, String file, String content) throws IOException {
    Path path = dir.resolve(name).resolve(file);
    Files.createDirectories(path.getParent());
    Files.writeString(path, content);
    return dir.resolve(name);
  }

  private void replace(Path target, String content) throws IOException {
    AtomicDirectory directory = AtomicDirectory.prepare(target);
    try (AtomicDirectory.Staged staged = directory.stage()) {
      Files.writeString(staged.path().resolve("data.txt"), content);
      staged.commit();
    }
  }

  private String[] siblings() throws IOException {
    try (Stream<Path> entries = Files.list(dir)) {
      return entries.map(p -> p.getFileName().toString()).sorted().toArray(String[]::new);
    }
  }

  @Test
  void replacesTheWholeDirectoryAndLeavesNothingBeside() throws Exception {
    Path out = write("out", "stale.txt", "old");

    replace(out, "new");

    assertThat(out.resolve("data.txt")).hasContent("new");
    assertThat(out.resolve("stale.txt")).doesNotExist();
    assertThat(siblings()).containsExactly("out");
  }

  @Test
  void stagedContentIsInvisibleUntilCommitAndDroppedWhenNotCommitted() throws Exception {
    Path out = write("out", "data.txt", "old");
    AtomicDirectory directory = AtomicDirectory.prepare(out);
    try (AtomicDirectory.Staged staged = directory.stage()) {
      Files.writeString(staged.path().resolve("data.txt"), "new");
      assertThat(out.resolve("data.txt")).hasContent("old");
    }
    assertThat(out.resolve("data.txt")).hasContent("old");
    assertThat(siblings()).containsExactly("out");
  }

  @Test
  void recoverPutsBackTheOutputOfARunStoppedBetweenItsTwoRenames() throws Exception {
    write(".out.old-0a1b2c", "data.txt", "old");
    write(".out.partial-3d4e5f", "data.txt", "new, half written");

    AtomicDirectory.recover(dir.resolve("out"));

    assertThat(dir.resolve("out/data.txt")).hasContent("old");
    // A reader puts the output back and changes nothing else; the next writer cleans.
    assertThat(siblings()).containsExactly(".out.partial-3d4e5f", "out");
  }

  @Test
  void prepareRecoversThenRemovesEveryLeftoverOfInterruptedRuns() throws Exception {
    write(".out.old-0a1b2c", "data.txt", "old");
    write(".out.partial-3d4e5f", "data.txt", "new, half written");
    write(".out.new-777777", "data.txt", "left by an older minato");

    AtomicDirectory.prepare(dir.resolve("out"));

    assertThat(dir.resolve("out/data.txt")).hasContent("old");
    assertThat(siblings()).containsExactly("out");
  }

  @Test
  void aRetiredCopyBesideAPresentOutputIsStaleAndRemoved() throws Exception {
    write("out", "data.txt", "new");
    write(".out.old-0a1b2c", "data.txt", "old");

    AtomicDirectory.prepare(dir.resolve("out"));

    assertThat(dir.resolve("out/data.txt")).hasContent("new");
    assertThat(siblings()).containsExactly("out");
  }

  @Test
  void leavesDirectoriesOfOtherNamesAlone() throws Exception {
    write(".output.partial-0a1b2c", "data.txt", "another output's run");
    write(".out.partial-notes", "data.txt", "ours by name");
    write("out.partial-0a1b2c", "data.txt", "not hidden: the user's");

    AtomicDirectory.prepare(dir.resolve("out"));

    assertThat(siblings()).containsExactly(".output.partial-0a1b2c", "out.partial-0a1b2c");
  }

  @Test
  void twoRetiredCopiesOfAMissingOutputAreNotGuessedBetween() throws Exception {
    write(".out.old-aaaaaa", "data.txt", "one");
    write(".out.old-bbbbbb", "data.txt", "two");

    assertThatThrownBy(() -> AtomicDirectory.recover(dir.resolve("out")))
        .isInstanceOf(IOException.class)
        .hasMessageContaining(".out.old-aaaaaa, .out.old-bbbbbb");
    assertThat(siblings()).containsExactly(".out.old-aaaaaa", ".out.old-bbbbbb");
  }

  @Test
  void aPathInsideAnInterruptedOutputRecoversTheOutput() throws Exception {
    write(".out.old-0a1b2c", "shop/overlays/prd/kustomization.yaml", "old");

    AtomicDirectory.recoverAround(dir.resolve("out/shop/overlays/prd"));

    assertThat(dir.resolve("out/shop/overlays/prd/kustomization.yaml")).hasContent("old");
  }
}
