package dev.minato.cli.logs;

import dev.minato.logs.LogEvent;
import dev.minato.logs.write.ByteSink;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** Where written lines go: one stream (stdout), or a file per routed stream. */
interface EventOutput extends AutoCloseable {

  /**
   * Writes {@code line} (UTF-8, ending in a newline), which was made from {@code original}, the
   * event as read: routing looks at the labels the application wrote, not at their masked values.
   */
  void write(LogEvent original, ByteSink line) throws IOException;

  /**
   * Whether lines may be written with no event behind them ({@link #write} with a null {@code
   * original}): true when every line goes to the same place.
   */
  boolean routes();

  @Override
  void close() throws IOException;

  /**
   * Every line to one stream, in chunks of 64 KiB: as bytes to {@code bytes} when given (the
   * process's stdout, when it takes UTF-8), else as text to {@code out}, which encodes it in its
   * own charset as it did every line before.
   */
  static EventOutput to(Writer out, Optional<OutputStream> bytes) {
    return new EventOutput() {
      private final ByteSink chunk = new ByteSink(1 << 17);

      @Override
      public void write(LogEvent original, ByteSink line) throws IOException {
        chunk.write(line.array(), 0, line.size());
        if (chunk.size() >= 1 << 16) {
          flush();
        }
      }

      @Override
      public boolean routes() {
        return false;
      }

      private void flush() throws IOException {
        if (bytes.isPresent()) {
          bytes.get().write(chunk.array(), 0, chunk.size());
        } else {
          // Whole lines of valid UTF-8: the text decodes back to exactly what was written.
          out.write(new String(chunk.array(), 0, chunk.size(), StandardCharsets.UTF_8));
        }
        chunk.truncate(0);
      }

      @Override
      public void close() throws IOException {
        flush();
        if (bytes.isPresent()) {
          bytes.get().flush();
        }
        out.flush();
      }
    };
  }
}
