package dev.minato.spec;

import java.math.BigDecimal;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Alert thresholds, rendered as a PrometheusRule. The metric names default to the Prometheus client
 * conventions and can be changed for frameworks that name them differently.
 *
 * @param selector the PromQL label matchers that pick this app's series, e.g. {@code job="shop"}
 */
public record Alerts(
    Optional<BigDecimal> errorRatePercent,
    OptionalInt latencyP99Ms,
    String requestsMetric,
    String statusLabel,
    String durationMetric,
    String selector) {}
