package dev.minato.load.engine;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/**
 * A lean HTTP/1.1 response parser for a load generator: it reads the status, the framing headers
 * (Content-Length, Transfer-Encoding, Connection) and skips everything else, bodies included,
 * without building header maps or message objects. A general decoder spent most of the client's CPU
 * time on exactly that work, and a generator that burns CPU competes with the server it measures.
 *
 * <p>Partial input is kept only while a status line, header block or chunk-size line is incomplete;
 * body bytes are counted, never copied.
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
    CHUNK_DATA_END,
    TRAILERS,
    UNTIL_CLOSE
  }

  private static final int MAX_HEAD = 64 * 1024;

  private final Listener listener;
  private State state = State.HEAD;
  private ByteBuf pending;
  private long remaining;
  private int status;
  private boolean keepAlive;
  private boolean expectNoBody;

  ResponseParser(Listener listener) {
    this.listener = listener;
  }

  /** The next response answers a HEAD request: it announces a body that never comes. */
  void expectNoBody(boolean noBody) {
    this.expectNoBody = noBody;
  }

  /** Parses what arrived; releases {@code in}. */
  void feed(ByteBuf in, ByteBufAllocator alloc) {
    ByteBuf buf = in;
    if (pending != null) {
      pending.writeBytes(in);
      in.release();
      buf = pending;
      pending = null;
    }
    try {
      parse(buf);
      if (buf.isReadable()) {
        if (buf.readableBytes() > MAX_HEAD) {
          throw new MalformedResponse("response head longer than " + MAX_HEAD + " bytes");
        }
        pending = alloc.heapBuffer(Math.max(256, buf.readableBytes() * 2));
        pending.writeBytes(buf);
      }
    } finally {
      buf.release();
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

  void release() {
    if (pending != null) {
      pending.release();
      pending = null;
    }
  }

  private void parse(ByteBuf buf) {
    while (buf.isReadable()) {
      switch (state) {
        case HEAD -> {
          if (!head(buf)) {
            return;
          }
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
          int eol = lineEnd(buf);
          if (eol < 0) {
            return;
          }
          long size = chunkSize(buf, buf.readerIndex(), eol);
          buf.readerIndex(eol + 2);
          if (size == 0) {
            state = State.TRAILERS;
          } else {
            remaining = size;
            state = State.CHUNK_DATA;
          }
        }
        case CHUNK_DATA -> {
          int skip = (int) Math.min(remaining, buf.readableBytes());
          buf.skipBytes(skip);
          remaining -= skip;
          if (remaining == 0) {
            state = State.CHUNK_DATA_END;
          }
        }
        case CHUNK_DATA_END -> {
          if (buf.readableBytes() < 2) {
            return;
          }
          buf.skipBytes(2);
          state = State.CHUNK_SIZE;
        }
        case TRAILERS -> {
          int eol = lineEnd(buf);
          if (eol < 0) {
            return;
          }
          boolean empty = eol == buf.readerIndex();
          buf.readerIndex(eol + 2);
          if (empty) {
            complete();
          }
        }
        case UNTIL_CLOSE -> buf.skipBytes(buf.readableBytes());
      }
    }
  }

  /** Parses a complete status line and header block, if it has all arrived. */
  private boolean head(ByteBuf buf) {
    int start = buf.readerIndex();
    int end = headEnd(buf, start);
    if (end < 0) {
      return false;
    }
    int lineEnd = buf.indexOf(start, end + 1, (byte) '\r');
    // "HTTP/1.1 200 OK": version digit at 7, status at 9..11.
    if (lineEnd - start < 12
        || buf.getByte(start) != 'H'
        || buf.getByte(start + 4) != '/'
        || buf.getByte(start + 8) != ' ') {
      throw new MalformedResponse("not an HTTP/1.x status line");
    }
    boolean http11 = buf.getByte(start + 7) == '1';
    status = digit(buf, start + 9) * 100 + digit(buf, start + 10) * 10 + digit(buf, start + 11);
    long contentLength = -1;
    boolean chunked = false;
    Boolean connectionKeepAlive = null;
    int line = lineEnd + 2;
    while (line < end) {
      int eol = buf.indexOf(line, end + 2, (byte) '\r');
      int colon = buf.indexOf(line, eol, (byte) ':');
      if (colon > line) {
        int nameLength = colon - line;
        if (nameIs(buf, line, nameLength, "content-length")) {
          contentLength = number(buf, colon + 1, eol);
        } else if (nameIs(buf, line, nameLength, "transfer-encoding")) {
          chunked = valueContains(buf, colon + 1, eol, "chunked");
        } else if (nameIs(buf, line, nameLength, "connection")) {
          if (valueContains(buf, colon + 1, eol, "close")) {
            connectionKeepAlive = false;
          } else if (valueContains(buf, colon + 1, eol, "keep-alive")) {
            connectionKeepAlive = true;
          }
        }
      }
      line = eol + 2;
    }
    buf.readerIndex(end + 4);
    keepAlive = connectionKeepAlive != null ? connectionKeepAlive : http11;
    if (status >= 100 && status < 200 && status != 101) {
      return true; // interim response; the final one follows
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
    return true;
  }

  private void complete() {
    state = State.HEAD;
    listener.response(status, keepAlive);
  }

  /** Index of the "\r\n\r\n" ending the head, or -1. */
  private static int headEnd(ByteBuf buf, int from) {
    int limit = buf.writerIndex() - 3;
    for (int i = buf.indexOf(from, buf.writerIndex(), (byte) '\r');
        i >= 0 && i < limit;
        i = buf.indexOf(i + 1, buf.writerIndex(), (byte) '\r')) {
      if (buf.getByte(i + 1) == '\n' && buf.getByte(i + 2) == '\r' && buf.getByte(i + 3) == '\n') {
        return i;
      }
    }
    return -1;
  }

  /** Index of the "\r\n" ending the line at the reader index, or -1. */
  private static int lineEnd(ByteBuf buf) {
    int cr = buf.indexOf(buf.readerIndex(), buf.writerIndex(), (byte) '\r');
    return cr >= 0 && cr + 1 < buf.writerIndex() ? cr : -1;
  }

  private static int digit(ByteBuf buf, int index) {
    int d = buf.getByte(index) - '0';
    if (d < 0 || d > 9) {
      throw new MalformedResponse("invalid status code");
    }
    return d;
  }

  private static boolean nameIs(ByteBuf buf, int from, int length, String lowerName) {
    if (length != lowerName.length()) {
      return false;
    }
    for (int i = 0; i < length; i++) {
      int c = buf.getByte(from + i);
      if ((c | 0x20) != lowerName.charAt(i) && c != lowerName.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  private static long number(ByteBuf buf, int from, int to) {
    long value = 0;
    boolean any = false;
    for (int i = from; i < to; i++) {
      int c = buf.getByte(i);
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

  private static long chunkSize(ByteBuf buf, int from, int to) {
    long value = 0;
    boolean any = false;
    for (int i = from; i < to; i++) {
      int c = buf.getByte(i);
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

  private static boolean valueContains(ByteBuf buf, int from, int to, String lowerToken) {
    int n = lowerToken.length();
    for (int i = from; i + n <= to; i++) {
      int j = 0;
      while (j < n && (buf.getByte(i + j) | 0x20) == lowerToken.charAt(j)) {
        j++;
      }
      if (j == n) {
        return true;
      }
    }
    return false;
  }
}
