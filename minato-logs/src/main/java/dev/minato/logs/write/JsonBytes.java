package dev.minato.logs.write;

/**
 * JSON string literals written as UTF-8 bytes: the same bytes as {@link JsonLinesWriter#string}'s
 * text encoded in UTF-8 (an unpaired surrogate, which UTF-8 cannot hold, as {@code ?}, as every JDK
 * encoder writes it), without the text or the escaped copy ever being a {@code String}.
 */
public final class JsonBytes {

  private static final byte[] HEX = {
    '0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 'a', 'b', 'c', 'd', 'e', 'f'
  };

  private JsonBytes() {}

  /**
   * {@code source[from, to)}, which must be ASCII (every byte below 0x80), as a JSON string
   * literal. {@code escapes} says whether any byte needs an escape: when not, the bytes are copied
   * as they are.
   */
  public static void ascii(byte[] source, int from, int to, boolean escapes, ByteSink out) {
    byte[] bytes = out.reserve(2);
    bytes[out.size()] = '"';
    out.advance(1);
    if (!escapes) {
      out.write(source, from, to);
    } else {
      int plain = from;
      for (int i = from; i < to; i++) {
        byte b = source[i];
        if (b >= 0x20 && b != '"' && b != '\\') {
          continue;
        }
        out.write(source, plain, i);
        plain = i + 1;
        escape(b, out);
      }
      out.write(source, plain, to);
    }
    out.write('"');
  }

  /** {@code text} as a JSON string literal in UTF-8. */
  public static void string(String text, ByteSink out) {
    int length = text.length();
    // At most 6 bytes per char (an escape); 3 for a char of UTF-8 and 4 for a surrogate pair.
    byte[] bytes = out.reserve(length * 6 + 2);
    int at = out.size();
    bytes[at++] = '"';
    for (int i = 0; i < length; i++) {
      char c = text.charAt(i);
      if (c < 0x80) {
        if (c >= 0x20 && c != '"' && c != '\\') {
          bytes[at++] = (byte) c;
        } else {
          at = escape(c, bytes, at);
        }
      } else if (c < 0x800) {
        bytes[at++] = (byte) (0xC0 | c >> 6);
        bytes[at++] = (byte) (0x80 | (c & 0x3F));
      } else if (c == '\u2028' || c == '\u2029') {
        at = escape(c, bytes, at);
      } else if (Character.isSurrogate(c)) {
        char low = i + 1 < length ? text.charAt(i + 1) : 0;
        if (Character.isHighSurrogate(c) && Character.isLowSurrogate(low)) {
          int code = Character.toCodePoint(c, low);
          bytes[at++] = (byte) (0xF0 | code >> 18);
          bytes[at++] = (byte) (0x80 | ((code >> 12) & 0x3F));
          bytes[at++] = (byte) (0x80 | ((code >> 6) & 0x3F));
          bytes[at++] = (byte) (0x80 | (code & 0x3F));
          i++;
        } else {
          bytes[at++] = '?';
        }
      } else {
        bytes[at++] = (byte) (0xE0 | c >> 12);
        bytes[at++] = (byte) (0x80 | ((c >> 6) & 0x3F));
        bytes[at++] = (byte) (0x80 | (c & 0x3F));
      }
    }
    bytes[at++] = '"';
    out.advance(at - out.size());
  }

  private static void escape(byte b, ByteSink out) {
    byte[] bytes = out.reserve(6);
    out.advance(escape((char) b, bytes, out.size()) - out.size());
  }

  /** The escape of {@code c} written at {@code at}; returns where it ends. */
  private static int escape(char c, byte[] bytes, int at) {
    bytes[at++] = '\\';
    switch (c) {
      case '"' -> bytes[at++] = '"';
      case '\\' -> bytes[at++] = '\\';
      case '\n' -> bytes[at++] = 'n';
      case '\r' -> bytes[at++] = 'r';
      case '\t' -> bytes[at++] = 't';
      default -> {
        bytes[at++] = 'u';
        bytes[at++] = HEX[(c >> 12) & 0xF];
        bytes[at++] = HEX[(c >> 8) & 0xF];
        bytes[at++] = HEX[(c >> 4) & 0xF];
        bytes[at++] = HEX[c & 0xF];
      }
    }
    return at;
  }
}
