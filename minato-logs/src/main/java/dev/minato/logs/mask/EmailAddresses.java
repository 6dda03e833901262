package dev.minato.logs.mask;

/**
 * E-mail addresses, found from each {@code @}: the local part to its left, the domain to its right,
 * the domain at least two labels of letters, digits and inner hyphens whose last is two or more
 * letters. What code and stack traces hold ({@code @Override}, {@code lib@1.2.3}, {@code
 * a@localhost}) fails that and stays.
 */
final class EmailAddresses implements Finder {

  /** The at sign, and the dot between the two labels of the domain at least. */
  @Override
  public Needs needs() {
    return Needs.allOf("@.");
  }

  @Override
  public void find(String value, Matches out, int rule) {
    int at = value.indexOf('@');
    while (at >= 0) {
      int next = at + 1;
      int start = at;
      while (start > 0 && isLocal(value.charAt(start - 1))) {
        start--;
      }
      while (start < at && value.charAt(start) == '.') {
        start++;
      }
      int end = at + 1;
      while (end < value.length() && isDomain(value.charAt(end))) {
        end++;
      }
      while (end > at + 1 && (value.charAt(end - 1) == '.' || value.charAt(end - 1) == '-')) {
        end--;
      }
      if (start < at && localOk(value, start, at) && domainOk(value, at + 1, end)) {
        out.add(start, end, rule);
        next = end;
      }
      at = value.indexOf('@', next);
    }
  }

  private static boolean isLocal(char c) {
    return Finder.isAsciiLetterOrDigit(c)
        || c == '.'
        || c == '_'
        || c == '%'
        || c == '+'
        || c == '-';
  }

  private static boolean isDomain(char c) {
    return Finder.isAsciiLetterOrDigit(c) || c == '.' || c == '-';
  }

  /** No dot at the end and no two dots in a row (a leading dot was already left out). */
  private static boolean localOk(String value, int start, int end) {
    int dots = value.indexOf("..", start);
    return value.charAt(end - 1) != '.' && (dots < 0 || dots >= end);
  }

  private static boolean domainOk(String value, int start, int end) {
    int labels = 0;
    int labelStart = start;
    for (int i = start; i <= end; i++) {
      if (i < end && value.charAt(i) != '.') {
        continue;
      }
      int length = i - labelStart;
      if (length == 0
          || length > 63
          || value.charAt(labelStart) == '-'
          || value.charAt(i - 1) == '-') {
        return false;
      }
      labels++;
      if (i == end) {
        return labels >= 2 && length >= 2 && allLetters(value, labelStart, i);
      }
      labelStart = i + 1;
    }
    return false;
  }

  private static boolean allLetters(String value, int start, int end) {
    for (int i = start; i < end; i++) {
      char c = value.charAt(i);
      if (!(c >= 'a' && c <= 'z') && !(c >= 'A' && c <= 'Z')) {
        return false;
      }
    }
    return true;
  }
}
