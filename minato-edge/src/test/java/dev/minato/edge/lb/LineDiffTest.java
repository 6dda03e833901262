package dev.minato.edge.lb;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LineDiffTest {

  @Test
  void equalTextsHaveNoDiff() {
    assertThat(LineDiff.unified("a", "x\ny\n", "b", "x\ny\n")).isEmpty();
  }

  @Test
  void showsChangedLinesWithContextAndHunkHeader() {
    String diff =
        LineDiff.unified("old", "1\n2\n3\n4\n5\n6\n7\n8\n", "new", "1\n2\n3\n4\nfive\n6\n7\n8\n");

    assertThat(diff)
        .isEqualTo("--- old\n+++ new\n@@ -2,7 +2,7 @@\n 2\n 3\n 4\n-5\n+five\n 6\n 7\n 8\n");
  }

  @Test
  void showsAddedMembers() {
    String diff = LineDiff.unified("old", "server a\n", "new", "server a\nserver b\n");

    assertThat(diff).contains("+server b").doesNotContain("-server a");
  }
}
