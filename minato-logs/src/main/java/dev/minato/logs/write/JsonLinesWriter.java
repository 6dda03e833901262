package dev.minato.logs.write;

import dev.minato.logs.LogEvent;

/**
 * One JSON object per line, the fields in event order, every value a JSON string (LTSV and access
 * logs carry no types, and guessing one would turn a masked {@code "0042"} into {@code 42}).
 * Escapes what RFC 8259 requires, plus U+2028/U+2029 so that a line is safe inside JavaScript too.
 */
public final class JsonLinesWriter implements LineWriter {

  private static final char[] HEX = "0123456789abcdef".toCharArray();

  @Override
  public void append(LogEvent event, StringBuilder out) {
    out.append('{');
    for (int i = 0, size = event.size(); i < size; i++) {
      if (i > 0) {
        out.append(',');
      }
      string(event.label(i), out);
      out.append(':');
      string(event.value(i), out);
    }
    out.append('}');
  }

  /** {@code text} as a JSON string literal. */
  public static void string(String text, StringBuilder out) {
    out.append('"');
    int length = text.length();
    int plain = 0;
    for (int i = 0; i < length; i++) {
      char c = text.charAt(i);
      if (c >= 0x20 && c != '"' && c != '\\' && c != '\u2028' && c != '\u2029') {
        continue;
      }
      out.append(text, plain, i);
      plain = i + 1;
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default ->
            out.append("\\u")
                .append(HEX[(c >> 12) & 0xF])
                .append(HEX[(c >> 8) & 0xF])
                .append(HEX[(c >> 4) & 0xF])
                .append(HEX[c & 0xF]);
      }
    }
    out.append(text, plain, length);
    out.append('"');
  }
}
