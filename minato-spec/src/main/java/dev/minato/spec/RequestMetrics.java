package dev.minato.spec;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

/**
 * The app's request metrics as SLOs read them: the convention's names or the ones {@code
 * spec.metrics} sets, the label matchers that pick this app's series, and the latency buckets the
 * app publishes (in seconds).
 *
 * @param requestsMetric the request counter; empty when the convention counts no requests
 * @param histogram the latency histogram's name without {@code _bucket}; empty without one
 * @param selector PromQL label matchers, e.g. {@code job="shop-api-internal"}
 */
public record RequestMetrics(
    MetricConvention convention,
    Optional<String> requestsMetric,
    String statusLabel,
    Optional<String> histogram,
    List<BigDecimal> buckets,
    String selector) {

  public RequestMetrics {
    buckets = List.copyOf(buckets);
  }
}
