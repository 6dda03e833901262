package dev.minato.logs.mask;

/**
 * What a value must hold for a finder to find anything in it: at least {@link #minDigits} ASCII
 * digits and every character of at least one alternative. {@link Masker} reads once per value which
 * characters it holds and runs only the finders whose needs that meets: times, levels, ids and
 * durations hold none of the characters most finders need, and one pass over a value costs less
 * than calling every finder on it.
 *
 * <p>A set of characters is two bit masks: a character below 64 is bit {@code c} of the low mask,
 * any other bit {@code c % 64} of the high one. Characters above 127 so share bits with ASCII ones,
 * which can only make a value seem to hold more than it does, never less: a finder is never skipped
 * on a value it could match.
 */
final class Needs {

  /** The needs of a finder that may match any value. */
  static final Needs ANYTHING = new Needs(0, new long[] {0}, new long[] {0});

  private final int minDigits;
  private final long[] low;
  private final long[] high;

  private Needs(int minDigits, long[] low, long[] high) {
    this.minDigits = minDigits;
    this.low = low;
    this.high = high;
  }

  /** A value holding every character of {@code chars}. */
  static Needs allOf(String chars) {
    return oneOf(chars);
  }

  /** A value holding every character of at least one of {@code alternatives}. */
  static Needs oneOf(String... alternatives) {
    long[] low = new long[alternatives.length];
    long[] high = new long[alternatives.length];
    for (int i = 0; i < alternatives.length; i++) {
      String chars = alternatives[i];
      for (int j = 0; j < chars.length(); j++) {
        char c = chars.charAt(j);
        if (c < 64) {
          low[i] |= 1L << c;
        } else {
          high[i] |= 1L << c;
        }
      }
    }
    return new Needs(0, low, high);
  }

  /** These needs and at least {@code digits} ASCII digits. */
  Needs andDigits(int digits) {
    return new Needs(digits, low, high);
  }

  /** Whether a value that holds {@code held} meets these needs. */
  boolean metBy(Held held) {
    if (held.digits < minDigits) {
      return false;
    }
    for (int i = 0; i < low.length; i++) {
      if ((held.low & low[i]) == low[i] && (held.high & high[i]) == high[i]) {
        return true;
      }
    }
    return false;
  }

  /**
   * The characters one value holds, as the two masks above, and how many ASCII digits. Read once
   * per value and asked of every finder's needs.
   */
  record Held(long low, long high, int digits) {

    static Held in(String value) {
      long low = 0;
      long high = 0;
      int digits = 0;
      for (int i = 0, length = value.length(); i < length; i++) {
        char c = value.charAt(i);
        if (c < 64) {
          low |= 1L << c;
          digits += c >= '0' && c <= '9' ? 1 : 0;
        } else {
          high |= 1L << c;
        }
      }
      return new Held(low, high, digits);
    }
  }
}
