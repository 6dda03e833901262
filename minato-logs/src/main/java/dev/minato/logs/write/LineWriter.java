package dev.minato.logs.write;

import dev.minato.logs.LogEvent;

/**
 * Prints one event as one line. Implementations are stateless; appending to a caller's builder lets
 * a filter reuse one buffer for every line.
 */
public interface LineWriter {

  /** Appends {@code event} to {@code out}, without the line end. */
  void append(LogEvent event, StringBuilder out);

  /** {@code event} as one line, without the line end. */
  default String format(LogEvent event) {
    StringBuilder out = new StringBuilder(128);
    append(event, out);
    return out.toString();
  }
}
