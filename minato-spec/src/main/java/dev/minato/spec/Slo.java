package dev.minato.spec;

import java.math.BigDecimal;
import java.time.Duration;

/**
 * A service level objective: the share of good events ({@code objectivePercent}, strictly between 0
 * and 100) an indicator must reach over a rolling window.
 *
 * @param window the rolling window; {@code windowSpelling} is how the spec wrote it (e.g. {@code
 *     30d}), used in the name of its recording rule
 */
public record Slo(
    String name,
    BigDecimal objectivePercent,
    Duration window,
    String windowSpelling,
    SloIndicator indicator,
    SloAlerting alerting) {

  /** The objective as a ratio: 99.9 % is 0.999. */
  public BigDecimal objectiveRatio() {
    return objectivePercent.movePointLeft(2).stripTrailingZeros();
  }

  /** The error budget as a ratio: 1 − objective. */
  public BigDecimal budgetRatio() {
    return BigDecimal.ONE.subtract(objectiveRatio()).stripTrailingZeros();
  }
}
