package dev.minato.shadow.compare;

import java.util.Comparator;
import java.util.Objects;

/**
 * One request that showed a difference, with the values side by side: what a report shows for a
 * field. Among many, the one kept is the first in this order, so a report does not depend on the
 * order in which concurrent exchanges arrived.
 *
 * @param target the request target, redacted
 * @param primary the primary's value
 * @param other the candidate's value (or the secondary's, for a field only the old copies differ
 *     in)
 */
public record Example(String target, String primary, String other) implements Comparable<Example> {

  private static final Comparator<Example> ORDER =
      Comparator.comparing(Example::target)
          .thenComparing(Example::primary)
          .thenComparing(Example::other);

  public Example {
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(primary, "primary");
    Objects.requireNonNull(other, "other");
  }

  @Override
  public int compareTo(Example other) {
    return ORDER.compare(this, other);
  }
}
