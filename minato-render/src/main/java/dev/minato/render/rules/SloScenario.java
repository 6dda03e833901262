package dev.minato.render.rules;

import dev.minato.spec.RequestMetrics;
import dev.minato.spec.Slo;
import dev.minato.spec.SloIndicator;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Synthetic traffic for an SLO's rule tests, {@code samples} samples one {@code interval} apart:
 * {@code requestsPerSample} requests each interval, all good until {@code onset}, then a share
 * {@code errorRatio} bad. With the windows full of good traffic before the onset, the error ratio
 * over a long window W is {@code errorRatio × t / W} at t after the onset, so a tier of burn rate B
 * fires when that exceeds B × budget:
 *
 * <pre>  t = W × B × budget ÷ errorRatio</pre>
 *
 * (the short window, shorter, is already above the threshold then).
 */
public record SloScenario(
    Slo slo,
    Duration onset,
    Duration interval,
    BigDecimal requestsPerSample,
    BigDecimal errorRatio,
    long samples) {

  /** Where a tier fires under this scenario: the onset plus the closed form above. */
  public Duration firesAt(BurnRateTier tier) {
    BigDecimal seconds =
        new BigDecimal(tier.longDuration().toSeconds())
            .multiply(tier.burnRate())
            .multiply(slo.budgetRatio())
            .divide(errorRatio, MathContext.DECIMAL64);
    return onset.plusMillis(seconds.movePointRight(3).longValue());
  }

  /**
   * The input series, or empty for an SLO of arbitrary PromQL expressions, for which no series can
   * be made up.
   */
  public Optional<List<PlatformAlert.Series>> series() {
    if (!testable(slo)) {
      return Optional.empty();
    }
    long before = onset.dividedBy(interval);
    long after = samples - before;
    BigDecimal good = requestsPerSample.multiply(BigDecimal.ONE.subtract(errorRatio));
    BigDecimal bad = requestsPerSample.multiply(errorRatio);
    BigDecimal atOnset = requestsPerSample.multiply(BigDecimal.valueOf(before));
    String goodValues =
        TestSeries.counter(requestsPerSample, before)
            + " "
            + TestSeries.counter(atOnset.add(good), good, after - 1);
    String badValues = "0x" + before + " " + TestSeries.counter(bad, bad, after - 1);
    String totalValues = TestSeries.counter(requestsPerSample, samples);
    if (slo.indicator() instanceof SloIndicator.Requests r) {
      RequestMetrics m = r.metrics();
      String metric = m.requestsMetric().orElseThrow();
      return Optional.of(
          List.of(
              new PlatformAlert.Series(series(metric, m, m.statusLabel() + "=\"200\""), goodValues),
              new PlatformAlert.Series(
                  series(metric, m, m.statusLabel() + "=\"500\""), badValues)));
    }
    SloIndicator.Latency l = (SloIndicator.Latency) slo.indicator();
    {
      RequestMetrics m = l.metrics();
      String histogram = m.histogram().orElseThrow();
      return Optional.of(
          List.of(
              new PlatformAlert.Series(
                  series(
                      histogram + "_bucket",
                      m,
                      "le=\"" + l.thresholdSeconds().stripTrailingZeros().toPlainString() + "\""),
                  goodValues),
              new PlatformAlert.Series(series(histogram + "_count", m, ""), totalValues)));
    }
  }

  /**
   * Whether series can be made up for an SLO: it reads the app's request metrics, picked by exact
   * label matches (a test series has labels, not regular expressions).
   */
  public static boolean testable(Slo slo) {
    RequestMetrics m;
    if (slo.indicator() instanceof SloIndicator.Requests r) {
      m = r.metrics();
    } else if (slo.indicator() instanceof SloIndicator.Latency l) {
      m = l.metrics();
    } else {
      return false;
    }
    return TestSeries.exactMatchers(m.selector());
  }

  /** The app's matchers with {@code extra}: exact labels when {@link #testable}. */
  private static String series(String metric, RequestMetrics m, String extra) {
    return TestSeries.selector(metric, m.selector(), extra);
  }
}
