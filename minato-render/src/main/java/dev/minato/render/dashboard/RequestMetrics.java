package dev.minato.render.dashboard;

import dev.minato.spec.Alerts;
import java.util.Objects;

/**
 * The series an app's request panels read: the request counter with its status label, the latency
 * histogram's buckets, and the label matchers that pick the app's series. The same names the alert
 * rules use ({@code spec.alerts}), so panels and alerts never disagree.
 */
public record RequestMetrics(
    String requests, String statusLabel, String durationBuckets, String selector) {

  public RequestMetrics {
    Objects.requireNonNull(requests, "requests");
    Objects.requireNonNull(statusLabel, "statusLabel");
    Objects.requireNonNull(durationBuckets, "durationBuckets");
    Objects.requireNonNull(selector, "selector");
  }

  public static RequestMetrics of(Alerts alerts) {
    return new RequestMetrics(
        alerts.requestsMetric(), alerts.statusLabel(), alerts.durationMetric(), alerts.selector());
  }

  /** The Prometheus client libraries' names, with the job a ServiceMonitor gives the app. */
  public static RequestMetrics conventional(String app) {
    return new RequestMetrics(
        "http_requests_total", "status", "http_request_duration_seconds_bucket", job(app));
  }

  private static String job(String app) {
    return "job=\"" + app + "\"";
  }

  /** The app's series in the namespace the dashboard shows, with extra matchers. */
  String matchers(String extra) {
    return "{"
        + selector
        + ", namespace=~\"$namespace\""
        + (extra.isEmpty() ? "" : ", " + extra)
        + "}";
  }

  String rate(String extra) {
    return "sum(rate(" + requests + matchers(extra) + "[$__rate_interval]))";
  }

  String errorRatio() {
    return rate(statusLabel + "=~\"5..\"") + " / " + rate("");
  }

  String latency(String quantile) {
    return "histogram_quantile("
        + quantile
        + ", sum by (le) (rate("
        + durationBuckets
        + matchers("")
        + "[$__rate_interval])))";
  }
}
