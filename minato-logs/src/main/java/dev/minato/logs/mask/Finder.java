package dev.minato.logs.mask;

/**
 * Finds one kind of secret inside a value. Implementations are stateless and must be cheap on
 * values that cannot hold their kind: every field of every line passes through each of them, so
 * each starts with a test that rules most values out (an {@code indexOf} of a character or prefix
 * the secret must contain) before any closer look.
 */
interface Finder {

  /**
   * What a value must hold for this finder to find anything in it: the masker skips the finder on
   * values that do not. Never more than every match needs, or a secret would be missed.
   */
  Needs needs();

  /** Adds every match in {@code value} to {@code out} as found by rule {@code rule}. */
  void find(String value, Matches out, int rule);

  static boolean isAsciiLetterOrDigit(char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }

  static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  /** Whether {@code c} would make a match at its side part of a longer word. */
  static boolean isWordChar(char c) {
    return isAsciiLetterOrDigit(c) || c == '_';
  }
}
