package dev.minato.render.rules;

import java.math.BigDecimal;

/**
 * How the generated rule tests spell their synthetic input series, as {@code promtool test rules}
 * reads them: a series selector with exact labels, and counter values in promtool's expanding
 * notation ({@code 0+5x30}).
 */
final class TestSeries {

  private TestSeries() {}

  /**
   * Whether series can be made up for these PromQL matchers: a test series has exact labels, which
   * regular-expression or negated matchers cannot give.
   */
  static boolean exactMatchers(String matchers) {
    return !matchers.contains("=~") && !matchers.contains("!");
  }

  /** {@code metric{matchers,extra}}, either part possibly empty. */
  static String selector(String metric, String matchers, String extra) {
    StringBuilder labels = new StringBuilder(matchers.strip());
    if (!extra.isEmpty()) {
      if (labels.length() > 0) {
        labels.append(',');
      }
      labels.append(extra);
    }
    return metric + "{" + labels + "}";
  }

  /** A counter from 0 rising by {@code step} for {@code count} samples after the first. */
  static String counter(BigDecimal step, long count) {
    return "0+" + plain(step) + "x" + count;
  }

  /** A counter from {@code start} rising by {@code step} for {@code count} samples after it. */
  static String counter(BigDecimal start, BigDecimal step, long count) {
    return plain(start) + "+" + plain(step) + "x" + count;
  }

  static String plain(BigDecimal value) {
    return value.stripTrailingZeros().toPlainString();
  }
}
