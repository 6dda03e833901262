package dev.minato.render.layout;

import java.util.Comparator;

/**
 * How one file of an output directory differs from what generate would write now: it would be
 * added, changed, or removed. {@code path} is relative to the directory, with '/' separators.
 */
public record OutputDifference(Kind kind, String path) {

  public enum Kind {
    ADDED("would add"),
    CHANGED("would change"),
    REMOVED("would remove");

    private final String words;

    Kind(String words) {
      this.words = words;
    }

    public String words() {
      return words;
    }
  }

  static final Comparator<OutputDifference> ORDER =
      Comparator.comparing(OutputDifference::path).thenComparing(OutputDifference::kind);

  @Override
  public String toString() {
    return kind.words() + " " + path;
  }
}
