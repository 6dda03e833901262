package dev.minato.logs.write;

import dev.minato.logs.LogEvent;

/**
 * LTSV: {@code label:value} fields joined by tabs. LTSV has no escapes, so what would break the
 * line is written as one: a tab, carriage return or newline in a value as {@code \t}, {@code \r},
 * {@code \n} (a stack trace stays one line), and in a label also {@code :} as {@code _}, since a
 * label ends at its first colon.
 */
public final class LtsvWriter implements LineWriter {

  @Override
  public void append(LogEvent event, StringBuilder out) {
    for (int i = 0, size = event.size(); i < size; i++) {
      if (i > 0) {
        out.append('\t');
      }
      label(event.label(i), out);
      out.append(':');
      value(event.value(i), out);
    }
  }

  private static void label(String label, StringBuilder out) {
    for (int i = 0; i < label.length(); i++) {
      char c = label.charAt(i);
      out.append(c == ':' || c == '\t' || c == '\n' || c == '\r' ? '_' : c);
    }
  }

  private static void value(String value, StringBuilder out) {
    int plain = 0;
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c != '\t' && c != '\n' && c != '\r') {
        continue;
      }
      out.append(value, plain, i).append(c == '\t' ? "\\t" : c == '\n' ? "\\n" : "\\r");
      plain = i + 1;
    }
    out.append(value, plain, value.length());
  }
}
