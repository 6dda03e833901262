package dev.minato.logs.mask;

import java.util.Base64;

/**
 * JSON Web Tokens: three base64url parts joined by dots, the first starting {@code eyJ} (the
 * encoding of <code>{"</code>) and both the first and second decoding to a JSON object. A random
 * {@code eyJ…} string in a value stays.
 */
final class Jwts implements Finder {

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

  private static boolean isObject(String value, int start, int end) {
    if (end - start < 4 || (end - start) % 4 == 1) {
      return false;
    }
    byte[] decoded;
    try {
      decoded = Base64.getUrlDecoder().decode(value.substring(start, end));
    } catch (IllegalArgumentException e) {
      return false;
    }
    int last = decoded.length - 1;
    while (last > 0 && (decoded[last] == ' ' || decoded[last] == '\n')) {
      last--;
    }
    return decoded.length > 1 && decoded[0] == '{' && decoded[last] == '}';
  }
}
