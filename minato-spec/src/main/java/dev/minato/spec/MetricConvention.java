package dev.minato.spec;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

/**
 * How a framework or exporter names an app's request metrics: the counter of requests with the HTTP
 * status in a label, and the latency histogram with the bucket boundaries it publishes by default
 * (empty: it publishes buckets only where the app declares them). SLOs read these names unless
 * {@code spec.metrics} names others.
 */
public enum MetricConvention {
  /** Spring Boot's Micrometer: a timer, buckets only with percentiles-histogram or slo set. */
  MICROMETER(
      "micrometer",
      Optional.of("http_server_requests_seconds_count"),
      "status",
      "http_server_requests_seconds",
      List.of()),
  /** The Go client's conventional names, with prometheus.DefBuckets. */
  GO(
      "go",
      Optional.of("http_requests_total"),
      "code",
      "http_request_duration_seconds",
      seconds(".005", ".01", ".025", ".05", ".1", ".25", ".5", "1", "2.5", "5", "10")),
  /** Python's prometheus_client with its default buckets. */
  PYTHON(
      "python",
      Optional.of("http_requests_total"),
      "status",
      "http_request_duration_seconds",
      seconds(
          ".005", ".01", ".025", ".05", ".075", ".1", ".25", ".5", ".75", "1", "2.5", "5", "7.5",
          "10")),
  /** The Ruby client's Rack collector (Prometheus::Middleware::Collector). */
  RUBY(
      "ruby",
      Optional.of("http_server_requests_total"),
      "code",
      "http_server_request_duration_seconds",
      seconds(".005", ".01", ".025", ".05", ".1", ".25", ".5", "1", "2.5", "5", "10")),
  /** Node's prom-client through express-prom-bundle. */
  NODE(
      "node",
      Optional.of("http_request_duration_seconds_count"),
      "status_code",
      "http_request_duration_seconds",
      seconds(".003", ".03", ".1", ".3", "1.5", "10")),
  /**
   * nginx's VTS module through nginx-vts-exporter: status classes (2xx..5xx) in {@code code}, and a
   * histogram only where {@code vhost_traffic_status_histogram_buckets} is set.
   */
  NGINX(
      "nginx",
      Optional.of("nginx_vts_server_requests_total"),
      "code",
      "nginx_vts_server_request_duration_seconds",
      List.of()),
  /** The PHP-FPM exporter: pool and process gauges, no request outcomes and no latency. */
  PHP_FPM("php-fpm", Optional.empty(), "", "", List.of());

  private final String spelling;
  private final Optional<String> requestsMetric;
  private final String statusLabel;
  private final String histogram;
  private final List<BigDecimal> defaultBuckets;

  MetricConvention(
      String spelling,
      Optional<String> requestsMetric,
      String statusLabel,
      String histogram,
      List<BigDecimal> defaultBuckets) {
    this.spelling = spelling;
    this.requestsMetric = requestsMetric;
    this.statusLabel = statusLabel;
    this.histogram = histogram;
    this.defaultBuckets = defaultBuckets;
  }

  /** The convention of an app that names none: its runtime's usual framework. */
  public static MetricConvention of(Runtime runtime) {
    return switch (runtime) {
      case JAVA -> MICROMETER;
      case PYTHON -> PYTHON;
      case RUBY -> RUBY;
      case NODE -> NODE;
      case PHP -> PHP_FPM;
      case GO, OTHER -> GO;
    };
  }

  public String spelling() {
    return spelling;
  }

  /** The request counter, empty when the exporter counts no requests. */
  public Optional<String> requestsMetric() {
    return requestsMetric;
  }

  public String statusLabel() {
    return statusLabel;
  }

  /** The latency histogram's name without {@code _bucket} / {@code _count}. */
  public String histogram() {
    return histogram;
  }

  /** Bucket boundaries in seconds published without configuration; empty when none are. */
  public List<BigDecimal> defaultBuckets() {
    return defaultBuckets;
  }

  private static List<BigDecimal> seconds(String... values) {
    return java.util.Arrays.stream(values).map(BigDecimal::new).toList();
  }
}
