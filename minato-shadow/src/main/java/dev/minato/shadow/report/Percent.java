package dev.minato.shadow.report;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Rates shown as percentages with two decimals, the same in every report format. */
final class Percent {

  private Percent() {}

  static String of(double rate) {
    return BigDecimal.valueOf(rate * 100).setScale(2, RoundingMode.HALF_UP).toPlainString() + "%";
  }

  /** {@code part/whole} as a rate; 0 when the whole is 0. */
  static double rate(long part, long whole) {
    return whole == 0 ? 0 : (double) part / whole;
  }
}
