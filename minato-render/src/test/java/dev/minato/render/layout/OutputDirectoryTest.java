package dev.minato.render.layout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutputDirectoryTest {

  private static GeneratedFiles files(String... pathsAndContents) {
    GeneratedFiles files = new GeneratedFiles();
    for (int i = 0; i < pathsAndContents.length; i += 2) {
      files.add(pathsAndContents[i], pathsAndContents[i + 1]);
    }
    return files;
  }

  @Test
  void replacesPreviousOutputAsAWholeAndLeavesNoStagingBehind(@TempDir Path dir) throws Exception {
    Path out = dir.resolve("out");
    OutputDirectory.replace(out, files("a/old.yaml", "old"));
    OutputDirectory.replace(out, files("b/new.yaml", "new"));

    assertThat(out.resolve("a")).doesNotExist();
    assertThat(out.resolve("b/new.yaml")).hasContent("new");
    assertThat(out.resolve(OutputDirectory.MARKER)).exists();
    try (Stream<Path> siblings = Files.list(dir)) {
      assertThat(siblings).containsExactly(out);
    }
  }

  @Test
  void refusesToReplaceADirectoryItDidNotWrite(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("precious.txt"), "keep me");

    assertThatThrownBy(() -> OutputDirectory.replace(dir, files("x.yaml", "x")))
        .isInstanceOf(OutputDirectory.NotOursException.class)
        .hasMessageContaining("was not written by minato generate");
    assertThat(dir.resolve("precious.txt")).hasContent("keep me");
  }

  @Test
  void writesIntoAnExistingEmptyDirectory(@TempDir Path dir) throws Exception {
    Path out = Files.createDirectory(dir.resolve("out"));

    OutputDirectory.replace(out, files("x.yaml", "x"));

    assertThat(out.resolve("x.yaml")).hasContent("x");
  }
}
