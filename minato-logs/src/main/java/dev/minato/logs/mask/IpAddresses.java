package dev.minato.logs.mask;

/**
 * IP addresses, each version its own finder since rules ask for them apart. IPv4: four decimal
 * parts of 0 to 255 without leading zeros, not inside a longer dotted number or a word (a version
 * {@code 1.2.3.4.5} stays). IPv6: RFC 4291's text forms (full, with {@code ::}, with an IPv4 tail),
 * not inside a word ({@code std::vector}, times {@code 12:30:45} and MAC addresses stay).
 */
final class IpAddresses {

  private IpAddresses() {}

  static final class V4 implements Finder {

    /** Dots between the four parts, and a digit in each. */
    @Override
    public Needs needs() {
      return Needs.allOf(".").andDigits(4);
    }

    @Override
    public void find(String value, Matches out, int rule) {
      int dot = value.indexOf('.');
      while (dot >= 0) {
        int start = dot;
        while (start > 0 && Finder.isDigit(value.charAt(start - 1))) {
          start--;
        }
        int end = start == dot ? -1 : v4End(value, start);
        if (end > 0 && boundary(value, start, end)) {
          out.add(start, end, rule);
          dot = value.indexOf('.', end);
        } else {
          dot = value.indexOf('.', dot + 1);
        }
      }
    }

    private static boolean boundary(String value, int start, int end) {
      boolean before =
          start == 0
              || !(Finder.isWordChar(value.charAt(start - 1)) || value.charAt(start - 1) == '.');
      boolean after =
          end == value.length()
              || !(Finder.isWordChar(value.charAt(end))
                  || (value.charAt(end) == '.'
                      && end + 1 < value.length()
                      && Finder.isDigit(value.charAt(end + 1))));
      return before && after;
    }
  }

  /** The end of a dotted quad starting at {@code start}, or -1. */
  static int v4End(String value, int start) {
    int i = start;
    for (int part = 0; part < 4; part++) {
      if (part > 0) {
        if (i >= value.length() || value.charAt(i) != '.') {
          return -1;
        }
        i++;
      }
      int partStart = i;
      int number = 0;
      while (i < value.length() && Finder.isDigit(value.charAt(i)) && i - partStart < 4) {
        number = number * 10 + value.charAt(i) - '0';
        i++;
      }
      int digits = i - partStart;
      if (digits == 0
          || digits > 3
          || number > 255
          || (digits > 1 && value.charAt(partStart) == '0')) {
        return -1;
      }
    }
    return i;
  }

  static final class V6 implements Finder {

    @Override
    public Needs needs() {
      return Needs.allOf(":");
    }

    @Override
    public void find(String value, Matches out, int rule) {
      int colon = value.indexOf(':');
      while (colon >= 0) {
        int start = colon;
        while (start > 0 && isV6(value.charAt(start - 1))) {
          start--;
        }
        int end = colon;
        while (end < value.length() && isV6(value.charAt(end))) {
          end++;
        }
        int trimmed = end;
        while (trimmed > start && value.charAt(trimmed - 1) == '.') {
          trimmed--;
        }
        if (trimmed - start >= 2
            && value.charAt(trimmed - 1) == ':'
            && value.charAt(trimmed - 2) != ':') {
          trimmed--;
        }
        boolean bounded =
            (start == 0 || !Finder.isWordChar(value.charAt(start - 1)))
                && (end == value.length() || !Finder.isWordChar(value.charAt(end)));
        if (bounded && valid(value, start, trimmed)) {
          out.add(start, trimmed, rule);
        }
        colon = value.indexOf(':', end);
      }
    }

    private static boolean isV6(char c) {
      return Finder.isDigit(c)
          || (c >= 'a' && c <= 'f')
          || (c >= 'A' && c <= 'F')
          || c == ':'
          || c == '.';
    }

    /** Whether {@code value[start, end)} is an IPv6 address with at least one hex digit. */
    static boolean valid(String value, int start, int end) {
      String text = value.substring(start, end);
      int gap = text.indexOf("::");
      if (gap >= 0 && text.indexOf("::", gap + 1) >= 0) {
        return false;
      }
      int groups = 0;
      boolean anyHex = false;
      String[] halves =
          gap >= 0
              ? new String[] {text.substring(0, gap), text.substring(gap + 2)}
              : new String[] {text};
      for (int h = 0; h < halves.length; h++) {
        String half = halves[h];
        if (half.isEmpty()) {
          continue;
        }
        String[] parts = half.split(":", -1);
        for (int p = 0; p < parts.length; p++) {
          String part = parts[p];
          boolean lastOfAddress = h == halves.length - 1 && p == parts.length - 1;
          if (part.indexOf('.') >= 0) {
            if (!lastOfAddress || v4End(part, 0) != part.length()) {
              return false;
            }
            groups += 2;
            anyHex = true;
            continue;
          }
          if (part.isEmpty() || part.length() > 4) {
            return false;
          }
          groups++;
          anyHex = true;
        }
      }
      return anyHex && (gap >= 0 ? groups < 8 : groups == 8);
    }
  }
}
