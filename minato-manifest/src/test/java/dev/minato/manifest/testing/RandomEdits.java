package dev.minato.manifest.testing;

import java.util.List;
import java.util.Random;

/**
 * Seeded random edits of a text, for fuzz tests of the readers: the mistakes people make in YAML by
 * hand (a character lost or added, characters swapped, a line pasted twice, a value of the wrong
 * type, a file cut off). Shared by every module's reader fuzz test.
 */
public final class RandomEdits {

  private final Random random;
  private final String inserts;
  private final List<String> values;

  /**
   * @param inserts characters an edit may insert (YAML's indicators are the interesting ones)
   * @param values words an edit may put in place of the value after a {@code "key: "}
   */
  public RandomEdits(long seed, String inserts, List<String> values) {
    this.random = new Random(seed);
    this.inserts = inserts;
    this.values = List.copyOf(values);
  }

  /** One to three edits of {@code seed}. */
  public String edit(String seed) {
    StringBuilder text = new StringBuilder(seed);
    int edits = 1 + random.nextInt(3);
    for (int e = 0; e < edits && text.length() > 1; e++) {
      int at = random.nextInt(text.length());
      switch (random.nextInt(6)) {
        case 0 -> text.deleteCharAt(at);
        case 1 -> text.insert(at, inserts.charAt(random.nextInt(inserts.length())));
        case 2 -> swap(text, at, random.nextInt(text.length()));
        case 3 -> replaceValue(text, at);
        case 4 -> repeatLine(text, at);
        default -> text.setLength(at);
      }
    }
    return text.toString();
  }

  /** Picks one of {@code choices}, from the same seeded sequence. */
  public <T> T pick(List<T> choices) {
    return choices.get(random.nextInt(choices.size()));
  }

  private static void swap(StringBuilder text, int a, int b) {
    char c = text.charAt(a);
    text.setCharAt(a, text.charAt(b));
    text.setCharAt(b, c);
  }

  private void replaceValue(StringBuilder text, int at) {
    int colon = text.indexOf(": ", at);
    int end = colon < 0 ? -1 : text.indexOf("\n", colon);
    if (end > 0) {
      text.replace(colon + 2, end, values.get(random.nextInt(values.size())));
    }
  }

  private static void repeatLine(StringBuilder text, int at) {
    int start = text.lastIndexOf("\n", at) + 1;
    int end = text.indexOf("\n", at);
    text.insert(start, text.substring(start, end < 0 ? text.length() : end + 1));
  }
}
