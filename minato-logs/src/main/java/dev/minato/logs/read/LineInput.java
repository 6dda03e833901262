package dev.minato.logs.read;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The lines of a log as a byte stream: split at {@code \n} (a {@code \r} before it is dropped too)
 * and decoded as UTF-8 with malformed bytes replaced, as logs carry client bytes. A {@code
 * BufferedReader} decodes every byte into a char buffer and copies again into each line; here a
 * line is decoded once, straight from the read buffer, which for ASCII text is one array copy. Not
 * thread-safe.
 */
public final class LineInput {

  private final InputStream in;
  private byte[] buffer = new byte[1 << 16];
  private int start;
  private int end;
  private boolean eof;
  private int lineStart;
  private int lineEnd;

  public LineInput(InputStream in) {
    this.in = in;
  }

  /** The next line without its end, or null at the end of the stream. */
  public String next() throws IOException {
    return advance()
        ? new String(buffer, lineStart, lineEnd - lineStart, StandardCharsets.UTF_8)
        : null;
  }

  /**
   * Moves to the next line, whose bytes (without its end) are then {@link #buffer()}{@code [}{@link
   * #lineStart()}{@code , }{@link #lineEnd()}{@code )} until the next call: for readers that work
   * on the bytes and decode only what they must. False at the end of the stream.
   */
  public boolean advance() throws IOException {
    int scanned = start;
    while (true) {
      for (int i = scanned; i < end; i++) {
        if (buffer[i] == '\n') {
          lineStart = start;
          lineEnd = i > start && buffer[i - 1] == '\r' ? i - 1 : i;
          start = i + 1;
          return true;
        }
      }
      if (eof) {
        if (start == end) {
          return false;
        }
        lineStart = start;
        lineEnd = buffer[end - 1] == '\r' ? end - 1 : end;
        start = end;
        return true;
      }
      scanned = end - start;
      fill();
    }
  }

  /** The buffer holding the line {@link #advance()} moved to. */
  public byte[] buffer() {
    return buffer;
  }

  public int lineStart() {
    return lineStart;
  }

  public int lineEnd() {
    return lineEnd;
  }

  /** Moves the unfinished line to the front, grows the buffer when it is full, and reads more. */
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
