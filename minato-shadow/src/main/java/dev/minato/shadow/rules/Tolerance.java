package dev.minato.shadow.rules;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * Numbers at the fields {@code path} names are equal when they differ by at most {@code within}: a
 * price computed in floating point, a counter that moves between two reads.
 */
public record Tolerance(PathPattern path, BigDecimal within) {

  public Tolerance {
    Objects.requireNonNull(path, "path");
    if (within.signum() < 0) {
      throw new IllegalArgumentException("a tolerance is never negative: " + within);
    }
  }

  public boolean accepts(BigDecimal before, BigDecimal after) {
    return before.subtract(after).abs().compareTo(within) <= 0;
  }
}
