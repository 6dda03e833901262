package dev.minato.cli.logs;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The lines of a byte stream, split at {@code \n} (a {@code \r} before it is dropped too), decoded
 * as UTF-8 with malformed bytes replaced. A {@code BufferedReader} decodes every byte into a char
 * buffer first and copies again into each line; here a line is decoded once, straight from the read
 * buffer, which for ASCII text is one array copy.
 */
final class InputLines {

  private final InputStream in;
  private byte[] buffer = new byte[1 << 16];
  private int start;
  private int end;
  private boolean eof;

  InputLines(InputStream in) {
    this.in = in;
  }

  /** The next line without its end, or null at the end of the stream. */
  String next() throws IOException {
    int scanned = start;
    while (true) {
      for (int i = scanned; i < end; i++) {
        if (buffer[i] == '\n') {
          int lineEnd = i > start && buffer[i - 1] == '\r' ? i - 1 : i;
          String line = new String(buffer, start, lineEnd - start, StandardCharsets.UTF_8);
          start = i + 1;
          return line;
        }
      }
      if (eof) {
        if (start == end) {
          return null;
        }
        int lineEnd = buffer[end - 1] == '\r' ? end - 1 : end;
        String line = new String(buffer, start, lineEnd - start, StandardCharsets.UTF_8);
        start = end;
        return line;
      }
      scanned = end - start;
      fill();
    }
  }

  /** Moves the unfinished line to the front, grows the buffer if it is full, and reads more. */
  private void fill() throws IOException {
    if (start > 0) {
      System.arraycopy(buffer, start, buffer, 0, end - start);
      end -= start;
      start = 0;
    }
    if (end == buffer.length) {
      buffer = Arrays.copyOf(buffer, buffer.length * 2);
    }
    int n = in.read(buffer, end, buffer.length - end);
    if (n < 0) {
      eof = true;
    } else {
      end += n;
    }
  }
}
