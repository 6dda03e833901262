package dev.minato.manifest;

import java.util.Collection;
import java.util.Comparator;
import java.util.Optional;

/**
 * "Did you mean …?" for misspelt names in any input: the closest candidate within a small edit
 * distance.
 */
public final class Suggestions {

  private Suggestions() {}

  /** The candidate closest to {@code input}, if any is close enough to be a likely typo. */
  public static Optional<String> closest(String input, Collection<String> candidates) {
    String lower = input.toLowerCase(java.util.Locale.ROOT);
    // One edit for very short words (anything is close to them), two from four letters, three
    // for long names.
    int allowed = input.length() < 4 ? 1 : Math.max(2, Math.min(3, input.length() / 3));
    return candidates.stream()
        .filter(c -> distance(lower, c.toLowerCase(java.util.Locale.ROOT)) <= allowed)
        .min(
            Comparator.comparingInt(
                    (String c) -> distance(lower, c.toLowerCase(java.util.Locale.ROOT)))
                .thenComparing(Comparator.naturalOrder()));
  }

  /** The text {@code ", did you mean 'x'?"}, or nothing. */
  public static String didYouMean(String input, Collection<String> candidates) {
    return closest(input, candidates).map(c -> ", did you mean '" + c + "'?").orElse("");
  }

  /** Levenshtein distance with adjacent transpositions (optimal string alignment). */
  static int distance(String a, String b) {
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) {
      d[i][0] = i;
    }
    for (int j = 0; j <= b.length(); j++) {
      d[0][j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        if (i > 1
            && j > 1
            && a.charAt(i - 1) == b.charAt(j - 2)
            && a.charAt(i - 2) == b.charAt(j - 1)) {
          d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
      }
    }
    return d[a.length()][b.length()];
  }
}
