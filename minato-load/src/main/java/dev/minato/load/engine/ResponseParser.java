package dev.minato.load.engine;

import io.netty.buffer.ByteBuf;
import io.netty.util.internal.PlatformDependent;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A lean HTTP/1.1 response parser for a load generator: it reads the status, the framing headers
 * (Content-Length, Transfer-Encoding, Connection) and skips everything else, bodies included,
 * without building header maps or message objects. A general decoder spent most of the client's CPU
 * time on exactly that work, and a generator that burns CPU competes with the server it measures.
 *
 * <p>A status line and header block (and a chunk-size or trailer line) is copied out of the network
 * buffer in one bulk copy into a small array that lives as long as the connection, and scanned
 * there: reading it byte by byte through {@link ByteBuf#getByte} costs a bounds and reference-count
 * check per byte, which made the scan the largest user-space cost of a request before the
 * optimising compiler had inlined it away (and in every run with the quick compiler only). Body
 * bytes are counted, never copied.
 *
 * <p>A server answers a load test's requests with the same head again and again (nginx's changes
 * once a second, with its Date header), so the last head read whole and what it said are kept: a
 * response whose first bytes are exactly that head is framed as it was, without scanning the head
 * for its end and its framing headers again. That scan was the largest part of the parser's time;
 * the comparison takes a bulk copy and a word-wise compare. It cannot mistake another head for it:
 * the kept head has no blank line before its own end, so input that begins with the same bytes ends
 * its head at the same place.
 */
final class ResponseParser {

  /** Receives each complete final response (1xx interim responses are skipped). */
  interface Listener {
    void response(int status, boolean keepAlive);
  }

  /** Input that is not HTTP/1.x; the connection cannot be trusted any more. */
  static final class MalformedResponse extends RuntimeException {
    MalformedResponse(String message) {
      super(message, null, false, false);
    }
  }

  private enum State {
    HEAD,
    FIXED_BODY,
    CHUNK_SIZE,
    CHUNK_DATA,
    TRAILERS,
    UNTIL_CLOSE
  }

  private static final int MAX_HEAD = 64 * 1024;

  private static final boolean WORDS =
      PlatformDependent.hasUnsafe() && PlatformDependent.isUnaligned();
  private static final long CRS = 0x0D0D0D0D0D0D0D0DL;
  private static final long LOW7 = 0x7F7F7F7F7F7F7F7FL;

  // Header names and tokens as lower-case bytes: compared with the head's bytes directly, where a
  // String's charAt checks its coder and bounds per character in code from the quick compiler.
  private static final byte[] CONTENT_LENGTH = ascii("content-length");
  private static final byte[] CONNECTION = ascii("connection");
  private static final byte[] TRANSFER_ENCODING = ascii("transfer-encoding");
  private static final byte[] CLOSE = ascii("close");
  private static final byte[] KEEP_ALIVE = ascii("keep-alive");
  private static final byte[] CHUNKED = ascii("chunked");

  private final Listener listener;
  private State state = State.HEAD;
  // The head or line being read: bytes [0, length) copied from the input so far.
  private byte[] line = new byte[512];
  private int length;
  private long remaining;
  private int status;
  private boolean keepAlive;
  private boolean expectNoBody;
  // What the head said: keep-alive, and about the body its length (-1: none given), or chunked.
  private boolean headKeepAlive;
  private long contentLength;
  private boolean chunked;
  // The last head parsed whole, blank line included: bytes [0, lastHeadLength) of lastHead.
  private byte[] lastHead = new byte[0];
  private int lastHeadLength;

  ResponseParser(Listener listener) {
    this.listener = listener;
  }

  /** The next response answers a HEAD request: it announces a body that never comes. */
  void expectNoBody(boolean noBody) {
    this.expectNoBody = noBody;
  }

  /** Parses what arrived; releases {@code in}. */
  void feed(ByteBuf in) {
    try {
      parse(in);
    } finally {
      in.release();
    }
  }

  /**
   * The connection closed: completes a response whose body runs until close. Returns whether a
   * response was completed this way.
   */
  boolean closed() {
    release();
    if (state == State.UNTIL_CLOSE) {
      state = State.HEAD;
      listener.response(status, false);
      return true;
    }
    return false;
  }

  /** Forgets a partly read head or line. */
  void release() {
    length = 0;
  }

  private void parse(ByteBuf buf) {
    while (buf.isReadable()) {
      switch (state) {
        case HEAD -> {
          if (length == 0 && repeatsLastHead(buf)) {
            frame();
            continue;
          }
          int end = take(buf, true);
          if (end < 0) {
            return;
          }
          head(line, end);
          keepHead(end + 4);
          frame();
        }
        case FIXED_BODY -> {
          int skip = (int) Math.min(remaining, buf.readableBytes());
          buf.skipBytes(skip);
          remaining -= skip;
          if (remaining == 0) {
            complete();
          }
        }
        case CHUNK_SIZE -> {
          int end = take(buf, false);
          if (end < 0) {
            return;
          }
          long size = chunkSize(line, end);
          if (size == 0) {
            state = State.TRAILERS;
          } else {
            // The chunk's data and the CRLF after it.
            remaining = size + 2;
            state = State.CHUNK_DATA;
          }
        }
        case CHUNK_DATA -> {
          int skip = (int) Math.min(remaining, buf.readableBytes());
          buf.skipBytes(skip);
          remaining -= skip;
          if (remaining == 0) {
            state = State.CHUNK_SIZE;
          }
        }
        case TRAILERS -> {
          int end = take(buf, false);
          if (end < 0) {
            return;
          }
          if (end == 0) {
            complete();
          }
        }
        case UNTIL_CLOSE -> buf.skipBytes(buf.readableBytes());
      }
    }
  }

  /**
   * Whether {@code in} begins with the last head parsed; if so, that head is consumed (its status
   * and framing are still those parsed from it).
   */
  private boolean repeatsLastHead(ByteBuf in) {
    int n = lastHeadLength;
    if (n == 0 || in.readableBytes() < n) {
      return false;
    }
    int at = in.readerIndex();
    in.getBytes(at, line, 0, n);
    if (!Arrays.equals(line, 0, n, lastHead, 0, n)) {
      return false;
    }
    in.readerIndex(at + n);
    return true;
  }

  /** Keeps the head just parsed, {@code line[0, length)}, for {@link #repeatsLastHead}. */
  private void keepHead(int length) {
    if (lastHead.length < length) {
      lastHead = new byte[line.length];
    }
    System.arraycopy(line, 0, lastHead, 0, length);
    lastHeadLength = length;
  }

  /**
   * Copies input into {@link #line} until it holds a whole line ending in CRLF, or with {@code
   * blankLine} a whole head ending in an empty line, and consumes the input up to that end only.
   * Returns the index of the terminating CR in {@code line} (the content is {@code [0, index)}), or
   * -1 when the input ran out first (what was read is kept for the next call).
   */
  private int take(ByteBuf in, boolean blankLine) {
    int terminator = blankLine ? 4 : 2;
    while (in.isReadable()) {
      if (length == line.length) {
        if (line.length >= MAX_HEAD) {
          throw new MalformedResponse("response head longer than " + MAX_HEAD + " bytes");
        }
        line = Arrays.copyOf(line, Math.min(MAX_HEAD, line.length * 2));
      }
      int from = Math.max(0, length - (terminator - 1));
      int n = Math.min(in.readableBytes(), line.length - length);
      int readerIndex = in.readerIndex();
      in.getBytes(readerIndex, line, length, n);
      int end = blankLine ? blankLine(line, from, length + n) : crlf(line, from, length + n);
      if (end >= 0) {
        in.readerIndex(readerIndex + end + terminator - length);
        length = 0;
        return end;
      }
      in.readerIndex(readerIndex + n);
      length += n;
    }
    return -1;
  }

  /** Index of the "\r\n\r\n" in {@code b[from, to)}, or -1. */
  private static int blankLine(byte[] b, int from, int to) {
    for (int i = indexOfCr(b, from, to); i >= 0 && i + 3 < to; i = indexOfCr(b, i + 1, to)) {
      if (b[i + 1] == '\n' && b[i + 2] == '\r' && b[i + 3] == '\n') {
        return i;
      }
    }
    return -1;
  }

  /** Index of the first "\r\n" in {@code b[from, to)}, or -1. */
  private static int crlf(byte[] b, int from, int to) {
    for (int i = indexOfCr(b, from, to); i >= 0 && i + 1 < to; i = indexOfCr(b, i + 1, to)) {
      if (b[i + 1] == '\n') {
        return i;
      }
    }
    return -1;
  }

  /**
   * Index of the first CR in {@code b[from, to)}, or -1: eight bytes at a time where the platform
   * reads a long from an array cheaply. Every scan of a head looks for CRs only (line ends, the
   * blank line), so this loop is most of the parser's time; byte by byte, with the quick compiler's
   * bounds check on each, it was about a fifth of the event loop's own (user-space) time.
   */
  private static int indexOfCr(byte[] b, int from, int to) {
    int i = from;
    if (WORDS) {
      for (; i + Long.BYTES <= to; i += Long.BYTES) {
        long word = PlatformDependent.getLong(b, i) ^ CRS;
        // A byte of word is 0x80 here exactly where word's byte is zero, that is b's byte is CR
        // (no borrow between bytes, so no false positive at any position).
        long zeros = ~((word & LOW7) + LOW7 | word | LOW7);
        if (zeros != 0) {
          int bit =
              PlatformDependent.BIG_ENDIAN_NATIVE_ORDER
                  ? Long.numberOfLeadingZeros(zeros)
                  : Long.numberOfTrailingZeros(zeros);
          return i + (bit >>> 3);
        }
      }
    }
    for (; i < to; i++) {
      if (b[i] == '\r') {
        return i;
      }
    }
    return -1;
  }

  /** Parses a status line and header block, {@code h[0, end)} (without the final blank line). */
  private void head(byte[] h, int end) {
    int lineEnd = indexOfCr(h, 0, end);
    if (lineEnd < 0) {
      lineEnd = end;
    }
    // "HTTP/1.1 200 OK": version digit at 7, status at 9..11.
    if (lineEnd < 12 || h[0] != 'H' || h[4] != '/' || h[8] != ' ') {
      throw new MalformedResponse("not an HTTP/1.x status line");
    }
    boolean http11 = h[7] == '1';
    status = digit(h[9]) * 100 + digit(h[10]) * 10 + digit(h[11]);
    long contentLength = -1;
    boolean chunked = false;
    Boolean connectionKeepAlive = null;
    int at = lineEnd + 2;
    while (at < end) {
      int eol = indexOfCr(h, at, end);
      if (eol < 0) {
        eol = end;
      }
      // Only three names matter, and they start with c or t: every other line is skipped unread.
      int first = h[at] | 0x20;
      if (first == 'c') {
        if (nameIs(h, at, eol, CONTENT_LENGTH)) {
          contentLength = number(h, at + CONTENT_LENGTH.length + 1, eol);
        } else if (nameIs(h, at, eol, CONNECTION)) {
          int value = at + CONNECTION.length + 1;
          if (valueContains(h, value, eol, CLOSE)) {
            connectionKeepAlive = false;
          } else if (valueContains(h, value, eol, KEEP_ALIVE)) {
            connectionKeepAlive = true;
          }
        }
      } else if (first == 't' && nameIs(h, at, eol, TRANSFER_ENCODING)) {
        chunked = valueContains(h, at + TRANSFER_ENCODING.length + 1, eol, CHUNKED);
      }
      at = eol + 2;
    }
    headKeepAlive = connectionKeepAlive != null ? connectionKeepAlive : http11;
    this.contentLength = contentLength;
    this.chunked = chunked;
  }

  /** Frames the body after the head just read, as its status and framing headers say. */
  private void frame() {
    keepAlive = headKeepAlive;
    if (status >= 100 && status < 200 && status != 101) {
      return; // interim response; the final one follows
    }
    if (expectNoBody || status == 204 || status == 304 || status == 101) {
      complete();
    } else if (chunked) {
      state = State.CHUNK_SIZE;
    } else if (contentLength >= 0) {
      remaining = contentLength;
      if (remaining == 0) {
        complete();
      } else {
        state = State.FIXED_BODY;
      }
    } else {
      keepAlive = false;
      state = State.UNTIL_CLOSE;
    }
  }

  private void complete() {
    state = State.HEAD;
    listener.response(status, keepAlive);
  }

  private static byte[] ascii(String lowerCase) {
    return lowerCase.getBytes(StandardCharsets.US_ASCII);
  }

  private static int digit(byte b) {
    int d = b - '0';
    if (d < 0 || d > 9) {
      throw new MalformedResponse("invalid status code");
    }
    return d;
  }

  /**
   * Whether the line {@code b[from, eol)} is a header named {@code lowerName} (in any case), its
   * colon right after the name.
   */
  private static boolean nameIs(byte[] b, int from, int eol, byte[] lowerName) {
    int length = lowerName.length;
    if (eol - from <= length || b[from + length] != ':') {
      return false;
    }
    for (int i = 0; i < length; i++) {
      int c = b[from + i];
      int expected = lowerName[i];
      if ((c | 0x20) != expected && c != expected) {
        return false;
      }
    }
    return true;
  }

  private static long number(byte[] b, int from, int to) {
    long value = 0;
    boolean any = false;
    for (int i = from; i < to; i++) {
      int c = b[i];
      if (c == ' ' || c == '\t') {
        continue;
      }
      if (c < '0' || c > '9') {
        throw new MalformedResponse("invalid Content-Length");
      }
      value = value * 10 + (c - '0');
      any = true;
    }
    if (!any) {
      throw new MalformedResponse("empty Content-Length");
    }
    return value;
  }

  private static long chunkSize(byte[] b, int to) {
    long value = 0;
    boolean any = false;
    for (int i = 0; i < to; i++) {
      int c = b[i];
      int d;
      if (c >= '0' && c <= '9') {
        d = c - '0';
      } else if ((c | 0x20) >= 'a' && (c | 0x20) <= 'f') {
        d = (c | 0x20) - 'a' + 10;
      } else if (c == ';' || c == ' ' || c == '\t') {
        break; // chunk extensions are ignored
      } else {
        throw new MalformedResponse("invalid chunk size");
      }
      value = value * 16 + d;
      any = true;
    }
    if (!any) {
      throw new MalformedResponse("empty chunk size");
    }
    return value;
  }

  private static boolean valueContains(byte[] b, int from, int to, byte[] lowerToken) {
    int n = lowerToken.length;
    for (int i = from; i + n <= to; i++) {
      int j = 0;
      while (j < n && (b[i + j] | 0x20) == lowerToken[j]) {
        j++;
      }
      if (j == n) {
        return true;
      }
    }
    return false;
  }
}
