package dev.minato.edge.lb;

import java.util.ArrayList;
import java.util.List;

/**
 * A unified diff of two texts, line by line (longest common subsequence), so a reviewer sees what a
 * change would do to the device before it is pushed.
 */
public final class LineDiff {

  private static final int CONTEXT = 3;

  private LineDiff() {}

  /** Empty when the texts are equal; otherwise a unified diff with three lines of context. */
  public static String unified(String oldName, String oldText, String newName, String newText) {
    String[] a = oldText.split("\n", -1);
    String[] b = newText.split("\n", -1);
    int[][] lcs = new int[a.length + 1][b.length + 1];
    for (int i = a.length - 1; i >= 0; i--) {
      for (int j = b.length - 1; j >= 0; j--) {
        lcs[i][j] =
            a[i].equals(b[j]) ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
      }
    }
    List<String> lines = new ArrayList<>();
    List<int[]> positions = new ArrayList<>(); // old line, new line before each entry
    int i = 0;
    int j = 0;
    while (i < a.length || j < b.length) {
      positions.add(new int[] {i, j});
      if (i < a.length && j < b.length && a[i].equals(b[j])) {
        lines.add(" " + a[i++]);
        j++;
      } else if (i < a.length && (j == b.length || lcs[i + 1][j] >= lcs[i][j + 1])) {
        lines.add("-" + a[i++]); // removals first, as diff -u shows them
      } else {
        lines.add("+" + b[j++]);
      }
    }
    StringBuilder out = new StringBuilder();
    int k = 0;
    while (k < lines.size()) {
      if (lines.get(k).charAt(0) == ' ') {
        k++;
        continue;
      }
      int start = Math.max(0, k - CONTEXT);
      int end = k;
      int lastChange = k;
      while (end < lines.size() && end - lastChange <= 2 * CONTEXT) {
        if (lines.get(end).charAt(0) != ' ') {
          lastChange = end;
        }
        end++;
      }
      end = Math.min(lines.size(), lastChange + CONTEXT + 1);
      if (out.length() == 0) {
        out.append("--- ").append(oldName).append('\n').append("+++ ").append(newName).append('\n');
      }
      int oldCount = 0;
      int newCount = 0;
      for (int x = start; x < end; x++) {
        char c = lines.get(x).charAt(0);
        oldCount += c != '+' ? 1 : 0;
        newCount += c != '-' ? 1 : 0;
      }
      out.append("@@ -")
          .append(positions.get(start)[0] + 1)
          .append(',')
          .append(oldCount)
          .append(" +")
          .append(positions.get(start)[1] + 1)
          .append(',')
          .append(newCount)
          .append(" @@\n");
      for (int x = start; x < end; x++) {
        out.append(lines.get(x)).append('\n');
      }
      k = end;
    }
    return out.toString();
  }
}
