package dev.minato.logs.mask;

import java.util.Base64;

/**
 * JSON Web Tokens: three base64url parts joined by dots, the first starting {@code eyJ} (the
 * encoding of <code>{"</code>) and both the first and second decoding to a JSON object. A random
 * {@code eyJ…} string in a value stays.
 */
final class Jwts implements Finder {

  @Override
  public Needs needs() {
    return Needs.allOf("eyJ.");
  }

  @Override
  public void find(String value, Matches out, int rule) {
    int from = 0;
    int start;
    while ((start = value.indexOf("eyJ", from)) >= 0) {
      from = start + 3;
      if (start > 0 && isBase64Url(value.charAt(start - 1))) {
        continue;
      }
      int headerEnd = run(value, start);
      if (headerEnd >= value.length() || value.charAt(headerEnd) != '.') {
        continue;
      }
      int payloadEnd = run(value, headerEnd + 1);
      if (payloadEnd == headerEnd + 1
          || payloadEnd >= value.length()
          || value.charAt(payloadEnd) != '.') {
        continue;
      }
      int end = run(value, payloadEnd + 1);
      if (isObject(value, start, headerEnd) && isObject(value, headerEnd + 1, payloadEnd)) {
        out.add(start, end, rule);
        from = end;
      }
    }
  }

  private static int run(String value, int from) {
    int i = from;
    while (i < value.length() && isBase64Url(value.charAt(i))) {
      i++;
    }
    return i;
  }

  private static boolean isBase64Url(char c) {
    return Finder.isAsciiLetterOrDigit(c) || c == '-' || c == '_';
  }

  /**
   * Whether {@code value[start, end)}, base64url characters only, decodes to bytes that start with
   * <code>{</code> and end with <code>}</code> (trailing spaces and newlines allowed). Only the
   * first and last quantum are decoded: every character is already known to be in the alphabet, so
   * the rest decodes whatever it holds, and this runs on every {@code eyJ} in every value.
   */
  private static boolean isObject(String value, int start, int end) {
    int length = end - start;
    if (length < 4 || length % 4 == 1) {
      return false;
    }
    if (decode(value, start, 4) >>> 16 != '{') {
      return false;
    }
    int tail = length % 4 == 0 ? 4 : length % 4; // characters in the last quantum
    int bits = decode(value, end - tail, tail);
    int last = tail == 4 ? bits & 0xFF : tail == 3 ? (bits >>> 8) & 0xFF : (bits >>> 16) & 0xFF;
    if (last == ' ' || last == '\n') {
      return decodedEndsWithBrace(value.substring(start, end));
    }
    return last == '}';
  }

  /** The 24 bits of {@code count} (2 to 4) base64url characters at {@code from}, left-aligned. */
  private static int decode(String value, int from, int count) {
    int bits = 0;
    for (int i = 0; i < 4; i++) {
      bits = bits << 6 | (i < count ? sextet(value.charAt(from + i)) : 0);
    }
    return bits;
  }

  private static int sextet(char c) {
    if (c >= 'A' && c <= 'Z') {
      return c - 'A';
    }
    if (c >= 'a' && c <= 'z') {
      return c - 'a' + 26;
    }
    if (c >= '0' && c <= '9') {
      return c - '0' + 52;
    }
    return c == '-' ? 62 : 63;
  }

  /** The rare case of trailing whitespace in a part: decode it all and look back past it. */
  private static boolean decodedEndsWithBrace(String part) {
    byte[] decoded = Base64.getUrlDecoder().decode(part);
    int last = decoded.length - 1;
    while (last > 0 && (decoded[last] == ' ' || decoded[last] == '\n')) {
      last--;
    }
    return decoded[last] == '}';
  }
}
