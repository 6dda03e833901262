package dev.minato.logs.read;

import dev.minato.logs.LogEvent;

/**
 * Labeled Tab-separated Values (ltsv.org): {@code label:value} fields separated by tabs. A label is
 * whatever comes before the first colon of a field (the spec's {@code [0-9A-Za-z_.-]} is what
 * loggers write, but a stricter reader would drop lines over a harmless character); a value may
 * hold colons. Empty fields (two tabs in a row, a trailing tab) are skipped, as the reference
 * parsers do. A label written twice is a problem: either choice would silently lose one value.
 */
public final class LtsvParser implements LineParser {

  /**
   * Labels seen lately, by a hash of their length and first character. A log repeats a few labels
   * on every line: the same instance is handed out again instead of a new string per field, so the
   * masker's lookup of a label's plan finds its hash already computed and compares by identity.
   * Slots are written without locking from any thread: a slot holds an immutable string or null,
   * and a label is used only after its text is compared, so a lost or stale write only costs a new
   * string.
   */
  private final String[] labels = new String[64];

  @Override
  public Reading parse(String raw) {
    String line = LineParser.withoutCarriageReturn(raw);
    if (line.isEmpty()) {
      return new Reading.Problem(raw, 1, "an empty line; expected label:value fields");
    }
    LogEvent.Builder fields = LogEvent.builder(8);
    int start = 0;
    int length = line.length();
    while (start <= length) {
      int tab = line.indexOf('\t', start);
      int end = tab < 0 ? length : tab;
      if (end > start) {
        int colon = line.indexOf(':', start);
        if (colon < 0 || colon >= end) {
          return new Reading.Problem(
              raw, start + 1, "a field without ':'; expected label:value (fields split by tabs)");
        }
        if (colon == start) {
          return new Reading.Problem(raw, start + 1, "a field with an empty label before ':'");
        }
        String label = label(line, start, colon);
        if (!fields.add(label, line.substring(colon + 1, end))) {
          return new Reading.Problem(
              raw, start + 1, "label '" + label + "' appears twice; each label may appear once");
        }
      }
      start = end + 1;
    }
    if (fields.size() == 0) {
      return new Reading.Problem(raw, 1, "a line of tabs only; expected label:value fields");
    }
    return new Reading.Parsed(fields.build());
  }

  /** {@code line[start, end)}, the instance seen last when it had the same text. */
  private String label(String line, int start, int end) {
    int length = end - start;
    int slot = (line.charAt(start) * 31 + length) & (labels.length - 1);
    String known = labels[slot];
    if (known != null && known.length() == length && line.startsWith(known, start)) {
      return known;
    }
    String label = line.substring(start, end);
    labels[slot] = label;
    return label;
  }
}
