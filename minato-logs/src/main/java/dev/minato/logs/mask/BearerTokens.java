package dev.minato.logs.mask;

/**
 * The credential after {@code Bearer } (any case, then spaces) in an {@code Authorization} value or
 * a logged header: at least 16 characters of RFC 6750's token alphabet. Only the token is a match;
 * the word {@code Bearer} stays so the line still says what was sent.
 */
final class BearerTokens implements Finder {

  private static final int MIN_TOKEN = 16;

  /** The word in one of its spellings, and the space after it. */
  @Override
  public Needs needs() {
    return Needs.oneOf("Bearer ", "bearer ", "BEARER ");
  }

  @Override
  public void find(String value, Matches out, int rule) {
    int from = 0;
    while (true) {
      int word = next(value, from);
      if (word < 0) {
        return;
      }
      from = word + 6;
      if (word > 0 && Finder.isWordChar(value.charAt(word - 1))) {
        continue;
      }
      int start = from;
      while (start < value.length() && value.charAt(start) == ' ') {
        start++;
      }
      if (start == from) {
        continue;
      }
      int end = start;
      while (end < value.length() && isToken(value.charAt(end))) {
        end++;
      }
      while (end < value.length() && value.charAt(end) == '=') {
        end++;
      }
      if (end - start >= MIN_TOKEN) {
        out.add(start, end, rule);
        from = end;
      }
    }
  }

  /** Where {@code bearer} starts next, in any case, from {@code from}; -1 if nowhere. */
  private static int next(String value, int from) {
    int lower = next(value, from, "earer", true);
    int upper = next(value, from, "EARER", false);
    return lower < 0 ? upper : upper < 0 ? lower : Math.min(lower, upper);
  }

  private static int next(String value, int from, String rest, boolean anyFirst) {
    for (int i = value.indexOf(rest, from + 1); i >= 0; i = value.indexOf(rest, i + 1)) {
      char first = value.charAt(i - 1);
      if (first == 'B' || (anyFirst && first == 'b')) {
        return i - 1;
      }
    }
    return -1;
  }

  private static boolean isToken(char c) {
    return Finder.isAsciiLetterOrDigit(c)
        || c == '-'
        || c == '.'
        || c == '_'
        || c == '~'
        || c == '+'
        || c == '/';
  }
}
