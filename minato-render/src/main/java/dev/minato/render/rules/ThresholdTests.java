package dev.minato.render.rules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.minato.spec.Alerts;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code promtool} tests of the simple form's alerts ({@link ThresholdAlerts}): traffic past
 * the threshold from the start makes the alert pending at the first evaluation with two samples
 * (1m) and firing once its 5 minutes have passed, so it is silent at 5m and firing at 7m; traffic
 * below the threshold keeps it silent. Every sample is whole requests, so promtool's sums are
 * exact.
 */
final class ThresholdTests {

  /** Requests per minute in every test. */
  private static final BigDecimal TRAFFIC = BigDecimal.valueOf(1000);

  /** How long each test's series run: long enough for a 5m rate and the alert's 5m hold. */
  private static final long SAMPLES = 30;

  private static final Duration INTERVAL = RuleTests.INTERVAL;
  private static final Duration SILENT_AT = Duration.ofMinutes(5);
  private static final Duration FIRING_AT = Duration.ofMinutes(7);
  private static final Duration QUIET_UNTIL = Duration.ofMinutes(SAMPLES);

  private ThresholdTests() {}

  /**
   * Adds the tests of {@code alerts} (rendered as {@code rules}, by alert name) to {@code tests};
   * none when the selector has regular expressions or negations (test series need exact labels).
   */
  static void add(ArrayNode tests, String prefix, Alerts alerts, Map<String, JsonNode> rules) {
    if (!TestSeries.exactMatchers(alerts.selector())) {
      return;
    }
    alerts
        .errorRatePercent()
        .filter(p -> p.compareTo(BigDecimal.valueOf(100)) < 0)
        .ifPresent(p -> errorRate(tests, alerts, p, rules.get(prefix + "HighErrorRate")));
    alerts
        .latencyP99Ms()
        .ifPresent(ms -> latency(tests, alerts, ms, rules.get(prefix + "HighLatencyP99")));
  }

  private static void errorRate(
      ArrayNode tests, Alerts alerts, BigDecimal percent, JsonNode alert) {
    String name = alert.get("alert").asText();
    // Twice the threshold, rounded up to whole requests; half of it, rounded down.
    BigDecimal perMille = percent.movePointRight(1);
    BigDecimal above =
        perMille.multiply(BigDecimal.valueOf(2)).setScale(0, RoundingMode.CEILING).min(TRAFFIC);
    BigDecimal below = perMille.divide(BigDecimal.valueOf(2)).setScale(0, RoundingMode.FLOOR);
    ObjectNode fires =
        RuleTests.test(
            tests,
            name + ": " + above + " of every 1000 requests fail, it fires after 5m",
            INTERVAL);
    requests(alerts, above).forEach(s -> RuleTests.series(fires, s));
    RuleTests.expect(fires, name, SILENT_AT, Optional.empty());
    RuleTests.expect(fires, name, FIRING_AT, Optional.of(alert));
    ObjectNode quiet =
        RuleTests.test(
            tests, name + ": " + below + " of every 1000 requests fail, it stays silent", INTERVAL);
    requests(alerts, below).forEach(s -> RuleTests.series(quiet, s));
    RuleTests.expect(quiet, name, FIRING_AT, Optional.empty());
    RuleTests.expect(quiet, name, QUIET_UNTIL, Optional.empty());
  }

  private static List<PlatformAlert.Series> requests(Alerts alerts, BigDecimal bad) {
    BigDecimal good = TRAFFIC.subtract(bad);
    return List.of(
        new PlatformAlert.Series(
            series(alerts.requestsMetric(), alerts, alerts.statusLabel() + "=\"200\""),
            counter(good)),
        new PlatformAlert.Series(
            series(alerts.requestsMetric(), alerts, alerts.statusLabel() + "=\"500\""),
            counter(bad)));
  }

  /**
   * Buckets at the threshold T and at 2T: every request in (T, 2T] puts the p99 at 1.99 T (fires);
   * every request at most T puts it at 0.99 T (silent), by histogram_quantile's interpolation.
   */
  private static void latency(ArrayNode tests, Alerts alerts, int ms, JsonNode alert) {
    String name = alert.get("alert").asText();
    BigDecimal threshold = BigDecimal.valueOf(ms).movePointLeft(3);
    ObjectNode fires =
        RuleTests.test(
            tests,
            name + ": every request takes between " + ms + " and " + 2 * ms + " ms",
            INTERVAL);
    buckets(alerts, threshold, BigDecimal.ZERO).forEach(s -> RuleTests.series(fires, s));
    RuleTests.expect(fires, name, SILENT_AT, Optional.empty());
    RuleTests.expect(fires, name, FIRING_AT, Optional.of(alert));
    ObjectNode quiet =
        RuleTests.test(tests, name + ": every request takes at most " + ms + " ms", INTERVAL);
    buckets(alerts, threshold, TRAFFIC).forEach(s -> RuleTests.series(quiet, s));
    RuleTests.expect(quiet, name, FIRING_AT, Optional.empty());
    RuleTests.expect(quiet, name, QUIET_UNTIL, Optional.empty());
  }

  private static List<PlatformAlert.Series> buckets(
      Alerts alerts, BigDecimal threshold, BigDecimal fast) {
    String metric = alerts.durationMetric();
    return List.of(
        new PlatformAlert.Series(
            series(metric, alerts, "le=\"" + TestSeries.plain(threshold) + "\""), counter(fast)),
        new PlatformAlert.Series(
            series(
                metric,
                alerts,
                "le=\"" + TestSeries.plain(threshold.multiply(BigDecimal.valueOf(2))) + "\""),
            counter(TRAFFIC)),
        new PlatformAlert.Series(series(metric, alerts, "le=\"+Inf\""), counter(TRAFFIC)));
  }

  private static String series(String metric, Alerts alerts, String extra) {
    return TestSeries.selector(metric, alerts.selector(), extra);
  }

  private static String counter(BigDecimal step) {
    return TestSeries.counter(step, SAMPLES);
  }
}
