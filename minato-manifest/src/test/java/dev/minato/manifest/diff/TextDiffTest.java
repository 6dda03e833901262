package dev.minato.manifest.diff;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class TextDiffTest {

  @Test
  void equalTextsHaveNoDiff() {
    assertThat(TextDiff.unified("a", "x\ny\n", "b", "x\ny\n")).isEmpty();
  }

  @Test
  void showsChangedLinesWithContextAndHunkHeader() {
    String diff =
        TextDiff.unified("old", "1\n2\n3\n4\n5\n6\n7\n8\n", "new", "1\n2\n3\n4\nfive\n6\n7\n8\n");

    assertThat(diff)
        .isEqualTo("--- old\n+++ new\n@@ -2,7 +2,7 @@\n 2\n 3\n 4\n-5\n+five\n 6\n 7\n 8\n");
  }

  @Test
  void showsAddedLines() {
    String diff = TextDiff.unified("old", "server a\n", "new", "server a\nserver b\n");

    assertThat(diff).contains("+server b").doesNotContain("-server a");
  }

  @Test
  void distantChangesAreSeparateHunks() {
    String before = "1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n11\n12\n";
    String after = before.replace("2\n", "two\n").replace("11\n", "eleven\n");

    assertThat(TextDiff.unified("old", before, "new", after))
        .contains("@@ -1,5 +1,5 @@")
        .contains("@@ -8,5 +8,5 @@");
  }

  @Test
  void textsDifferingOnlyInTheFinalNewlineAreStillDifferent() {
    assertThat(TextDiff.unified("old", "a\nb\n", "new", "a\nb"))
        .isEqualTo("--- old\n+++ new\n(only line endings differ)\n");
  }

  @Test
  void lineChangesNameTheOldLineWhereEachDifferenceStarts() {
    assertThat(TextDiff.lineChanges("a\nb\nc\nd\n", "a\nB\nc\nd\ne\n"))
        .containsExactly(
            new TextDiff.LineChange(2, List.of("b"), List.of("B")),
            new TextDiff.LineChange(5, List.of(), List.of("e")));
    assertThat(TextDiff.lineChanges("same\n", "same\n")).isEmpty();
  }
}
