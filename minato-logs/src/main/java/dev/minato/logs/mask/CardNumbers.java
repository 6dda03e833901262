package dev.minato.logs.mask;

/**
 * Payment card numbers: 13 to 19 digits, in one run or in groups split by single spaces or dashes,
 * starting with 2 to 6, passing the Luhn check, and not part of a longer word or number. A run of
 * groups is tried at each group start, longest first, so a card after an unrelated number ("order
 * 12 4111 1111 1111 1111") is still found.
 */
final class CardNumbers implements Finder {

  private static final int MIN_DIGITS = 13;
  private static final int MAX_DIGITS = 19;
  private static final int MAX_GROUPS = 24;

  @Override
  public Needs needs() {
    return Needs.ANYTHING.andDigits(MIN_DIGITS);
  }

  @Override
  public void find(String value, Matches out, int rule) {
    int n = value.length();
    if (n < MIN_DIGITS) {
      return;
    }
    int[] starts = null; // made at the first digit run: most values never get there
    int[] ends = null;
    int i = 0;
    while (i < n) {
      char c = value.charAt(i);
      if (!Finder.isDigit(c)) {
        i++;
        continue;
      }
      if (n - i < MIN_DIGITS) {
        return;
      }
      if (i > 0 && Finder.isWordChar(value.charAt(i - 1))) {
        // Digits glued to a word: skip only them; the scan for the next digit is the cheap part.
        while (i < n && Finder.isDigit(value.charAt(i))) {
          i++;
        }
        continue;
      }
      if (starts == null) {
        starts = new int[MAX_GROUPS];
        ends = new int[MAX_GROUPS];
      }
      int groups = 0;
      int j = i;
      while (true) {
        int groupStart = j;
        while (j < n && Finder.isDigit(value.charAt(j))) {
          j++;
        }
        starts[groups] = groupStart;
        ends[groups] = j;
        groups++;
        boolean separated =
            j + 1 < n
                && (value.charAt(j) == ' ' || value.charAt(j) == '-')
                && Finder.isDigit(value.charAt(j + 1));
        if (!separated || groups == MAX_GROUPS) {
          break;
        }
        j++;
      }
      boolean gluedAtEnd = j < n && Finder.isWordChar(value.charAt(j));
      int next = match(value, starts, ends, groups, gluedAtEnd, out, rule);
      i = next > 0 ? next : j;
    }
  }

  /** Adds the first card in the groups and returns where it ends; 0 if there is none. */
  private static int match(
      String value,
      int[] starts,
      int[] ends,
      int groups,
      boolean gluedAtEnd,
      Matches out,
      int rule) {
    for (int a = 0; a < groups; a++) {
      char first = value.charAt(starts[a]);
      if (first < '2' || first > '6') {
        continue;
      }
      int digits = 0;
      int best = -1;
      for (int b = a; b < groups; b++) {
        digits += ends[b] - starts[b];
        if (digits > MAX_DIGITS) {
          break;
        }
        boolean endOk = b < groups - 1 || !gluedAtEnd;
        if (digits >= MIN_DIGITS && endOk && luhn(value, starts[a], ends[b])) {
          best = b;
        }
      }
      if (best >= 0) {
        out.add(starts[a], ends[best], rule);
        return ends[best];
      }
    }
    return 0;
  }

  /** The Luhn check over the digits of {@code value[start, end)}, separators skipped. */
  static boolean luhn(CharSequence value, int start, int end) {
    int sum = 0;
    boolean doubled = false;
    for (int i = end - 1; i >= start; i--) {
      char c = value.charAt(i);
      if (!Finder.isDigit(c)) {
        continue;
      }
      int d = c - '0';
      if (doubled) {
        d *= 2;
        if (d > 9) {
          d -= 9;
        }
      }
      sum += d;
      doubled = !doubled;
    }
    return sum % 10 == 0;
  }
}
