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
        String label = line.substring(start, colon);
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
}
