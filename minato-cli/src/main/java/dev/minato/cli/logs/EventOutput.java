package dev.minato.cli.logs;

import dev.minato.logs.LogEvent;
import java.io.IOException;
import java.io.Writer;

/** Where written lines go: one stream (stdout), or a file per routed stream. */
interface EventOutput extends AutoCloseable {

  /**
   * Writes {@code line} (ending in a newline), which was made from {@code original}, the event as
   * read: routing looks at the labels the application wrote, not at their masked values.
   */
  void write(LogEvent original, CharSequence line) throws IOException;

  @Override
  void close() throws IOException;

  /** Every line to {@code out}, in chunks of 64 KiB. */
  static EventOutput to(Writer out) {
    return new EventOutput() {
      private final StringBuilder chunk = new StringBuilder(1 << 17);

      @Override
      public void write(LogEvent original, CharSequence line) throws IOException {
        chunk.append(line);
        if (chunk.length() >= 1 << 16) {
          flush();
        }
      }

      private void flush() throws IOException {
        out.append(chunk);
        chunk.setLength(0);
      }

      @Override
      public void close() throws IOException {
        flush();
        out.flush();
      }
    };
  }
}
