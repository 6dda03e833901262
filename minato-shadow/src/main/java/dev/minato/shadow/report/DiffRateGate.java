package dev.minato.shadow.report;

import dev.minato.manifest.InvalidValueException;
import dev.minato.shadow.compare.ShadowResults;
import java.math.BigDecimal;

/**
 * {@code --max-diff-rate}: the share of compared requests that may differ (after noise) before CI
 * fails the run, written as a percentage ({@code 0.1%}) or a fraction ({@code 0.001}).
 *
 * @param maxRate the largest passing rate, 0 to 1
 * @param text the limit as written
 */
public record DiffRateGate(double maxRate, String text) {

  public static DiffRateGate parse(String text) throws InvalidValueException {
    String number = text.strip();
    boolean percent = number.endsWith("%");
    if (percent) {
      number = number.substring(0, number.length() - 1).strip();
    }
    BigDecimal value;
    try {
      value = new BigDecimal(number);
    } catch (NumberFormatException e) {
      throw new InvalidValueException(
          "'" + text + "' is not a rate: expected a percentage like 0.1% or a fraction like 0.001");
    }
    BigDecimal rate = percent ? value.movePointLeft(2) : value;
    if (rate.signum() < 0 || rate.compareTo(BigDecimal.ONE) > 0) {
      throw new InvalidValueException(
          "'" + text + "' is not a rate from 0 to 100%: expected something like 0.1%");
    }
    return new DiffRateGate(rate.doubleValue(), text.strip());
  }

  /** True when the results' diff rate is at most the limit. */
  public boolean passes(ShadowResults results) {
    return results.diffRate() <= maxRate;
  }

  /** One line for the report: the rate, the limit and the verdict. */
  public String verdict(ShadowResults results) {
    return "gate: diff rate "
        + Percent.of(results.diffRate())
        + (passes(results) ? " <= " : " > ")
        + "max "
        + text
        + (passes(results) ? ": passed" : ": FAILED");
  }
}
