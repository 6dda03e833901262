package dev.minato.manifest.diff;

import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import com.github.difflib.patch.AbstractDelta;
import com.github.difflib.patch.Patch;
import java.util.ArrayList;
import java.util.List;

/**
 * A unified line diff of two texts with three lines of context, as {@code diff -u} prints it, for
 * configurations that are read as lines (a load balancer's configuration, a file in a ConfigMap).
 */
public final class TextDiff {

  private static final int CONTEXT = 3;

  private TextDiff() {}

  /**
   * Empty when the texts are equal; otherwise {@code --- old}, {@code +++ new} and the hunks (or a
   * note when only line endings, such as the final newline, differ).
   */
  public static String unified(String oldName, String oldText, String newName, String newText) {
    if (oldText.equals(newText)) {
      return "";
    }
    List<String> lines = diff(oldName, oldText, newName, newText);
    if (lines.isEmpty()) {
      // Lines compare equal without their terminators: say so rather than print nothing for
      // texts that differ.
      return "--- " + oldName + "\n+++ " + newName + "\n(only line endings differ)\n";
    }
    return String.join("\n", lines) + "\n";
  }

  /**
   * One place where two texts differ: the lines of the old text from line {@code line} (1-based)
   * that became {@code after}; {@code before} is empty where lines were only added.
   */
  public record LineChange(int line, List<String> before, List<String> after) {
    public LineChange {
      before = List.copyOf(before);
      after = List.copyOf(after);
    }
  }

  /** Where the lines of two texts differ, without context, in order; empty when equal. */
  public static List<LineChange> lineChanges(String oldText, String newText) {
    List<LineChange> changes = new ArrayList<>();
    for (AbstractDelta<String> delta :
        DiffUtils.diff(oldText.lines().toList(), newText.lines().toList()).getDeltas()) {
      changes.add(
          new LineChange(
              delta.getSource().getPosition() + 1,
              delta.getSource().getLines(),
              delta.getTarget().getLines()));
    }
    return List.copyOf(changes);
  }

  /** The hunks alone ({@code @@ -2,7 +2,7 @@} and their lines), empty when the texts are equal. */
  static List<String> hunks(String oldText, String newText) {
    List<String> lines = diff("before", oldText, "after", newText);
    return lines.isEmpty() ? lines : lines.subList(2, lines.size());
  }

  private static List<String> diff(String oldName, String oldText, String newName, String newText) {
    List<String> before = oldText.lines().toList();
    List<String> after = newText.lines().toList();
    Patch<String> patch = DiffUtils.diff(before, after);
    if (patch.getDeltas().isEmpty()) {
      return List.of();
    }
    return UnifiedDiffUtils.generateUnifiedDiff(oldName, newName, before, patch, CONTEXT);
  }
}
