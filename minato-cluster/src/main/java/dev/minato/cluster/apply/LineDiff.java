package dev.minato.cluster.apply;

import java.util.ArrayList;
import java.util.List;

/**
 * A unified line diff (longest common subsequence) with three lines of context. Objects are a few
 * hundred lines at most, so the quadratic table is small.
 */
final class LineDiff {

  private static final int CONTEXT = 3;

  private LineDiff() {}

  /** The diff of two texts, empty when they are equal. */
  static String of(String label, String before, String after) {
    if (before.equals(after)) {
      return "";
    }
    List<String> a = before.isEmpty() ? List.of() : List.of(before.split("\n", -1));
    List<String> b = after.isEmpty() ? List.of() : List.of(after.split("\n", -1));
    List<String> lines = edits(a, b);
    StringBuilder out = new StringBuilder();
    out.append("--- live ").append(label).append('\n');
    out.append("+++ applied ").append(label).append('\n');
    int lastPrinted = -1;
    for (int i = 0; i < lines.size(); i++) {
      if (!nearChange(lines, i)) {
        continue;
      }
      if (lastPrinted >= 0 && i > lastPrinted + 1) {
        out.append("@@\n");
      }
      out.append(lines.get(i)).append('\n');
      lastPrinted = i;
    }
    return out.toString();
  }

  private static boolean nearChange(List<String> lines, int index) {
    for (int i = Math.max(0, index - CONTEXT);
        i <= Math.min(lines.size() - 1, index + CONTEXT);
        i++) {
      if (lines.get(i).charAt(0) != ' ') {
        return true;
      }
    }
    return false;
  }

  private static List<String> edits(List<String> a, List<String> b) {
    int[][] common = new int[a.size() + 1][b.size() + 1];
    for (int i = a.size() - 1; i >= 0; i--) {
      for (int j = b.size() - 1; j >= 0; j--) {
        common[i][j] =
            a.get(i).equals(b.get(j))
                ? common[i + 1][j + 1] + 1
                : Math.max(common[i + 1][j], common[i][j + 1]);
      }
    }
    List<String> lines = new ArrayList<>();
    int i = 0;
    int j = 0;
    while (i < a.size() || j < b.size()) {
      if (i < a.size() && j < b.size() && a.get(i).equals(b.get(j))) {
        lines.add(" " + a.get(i++));
        j++;
      } else if (j < b.size() && (i == a.size() || common[i][j + 1] >= common[i + 1][j])) {
        lines.add("+" + b.get(j++));
      } else {
        lines.add("-" + a.get(i++));
      }
    }
    return lines;
  }
}
