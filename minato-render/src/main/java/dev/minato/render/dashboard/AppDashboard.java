package dev.minato.render.dashboard;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Optional;

/**
 * The dashboard of one app: requests (rate, errors, duration) where it serves metrics, saturation
 * of its containers against their requests and limits, CPU throttling, restarts, replicas against
 * the autoscaler's bounds, and the error budget left of each SLO.
 *
 * <p>Everything that differs between environments (requests, limits, autoscaler bounds, the
 * namespace) is read from kube-state-metrics and picked by the namespace variable, not written into
 * the dashboard, so every environment renders the same dashboard.
 *
 * @param app the app's name: its main container's name and its workload's
 * @param workload the workload's kind as kube-state-metrics labels it: {@code deployment} or {@code
 *     statefulset}
 * @param requests the app's request series, when it serves metrics that carry them
 * @param budgets the SLOs whose remaining error budget is shown, in order
 */
public record AppDashboard(
    String app, String workload, Optional<RequestMetrics> requests, List<ErrorBudget> budgets) {

  /** The tag every app dashboard carries, which the overview's links use. */
  public static final String TAG = "minato";

  public AppDashboard {
    budgets = List.copyOf(budgets);
  }

  public static String uid(String app) {
    return Dashboard.uid("minato-" + app);
  }

  public ObjectNode json() {
    String container = "namespace=~\"$namespace\", container=\"" + app + "\"";
    Dashboard dashboard =
        new Dashboard(uid(app), app, List.of(TAG, "app:" + app))
            .namespaceVariable("kube_pod_container_info{container=\"" + app + "\"}", false)
            .linkToTag("Apps", TAG);
    requests.ifPresent(metrics -> red(dashboard, metrics));
    saturation(dashboard, container);
    replicas(dashboard);
    if (!budgets.isEmpty()) {
      dashboard.row("Error budget");
      for (ErrorBudget budget : budgets) {
        dashboard.stat(
            "Error budget left: " + budget.slo() + " (" + budget.window() + ")",
            "percentunit",
            6,
            new Query(budget.remainingExpr(app), budget.slo()),
            0.0,
            0.25);
      }
    }
    return dashboard.json();
  }

  private static void red(Dashboard dashboard, RequestMetrics metrics) {
    dashboard.row("Requests");
    dashboard.timeseries(
        "Request rate", "reqps", 8, List.of(new Query(metrics.rate(""), "requests")));
    dashboard.timeseries(
        "Error ratio (5xx)", "percentunit", 8, List.of(new Query(metrics.errorRatio(), "errors")));
    dashboard.timeseries(
        "Duration",
        "s",
        8,
        List.of(
            new Query(metrics.latency("0.5"), "p50"),
            new Query(metrics.latency("0.9"), "p90"),
            new Query(metrics.latency("0.99"), "p99")));
  }

  private void saturation(Dashboard dashboard, String container) {
    dashboard.row("Saturation");
    dashboard.timeseries(
        "CPU against requests and limits",
        "short",
        12,
        List.of(
            new Query(
                "sum by (pod) (rate(container_cpu_usage_seconds_total{"
                    + container
                    + "}[$__rate_interval]))",
                "{{pod}}"),
            resource("requests", "cpu", container),
            resource("limits", "cpu", container)));
    dashboard.timeseries(
        "Memory (working set) against requests and limits",
        "bytes",
        12,
        List.of(
            new Query(
                "sum by (pod) (container_memory_working_set_bytes{" + container + "})", "{{pod}}"),
            resource("requests", "memory", container),
            resource("limits", "memory", container)));
    dashboard.timeseries(
        "CPU throttling (share of periods throttled)",
        "percentunit",
        12,
        List.of(
            new Query(
                "sum by (pod) (rate(container_cpu_cfs_throttled_periods_total{"
                    + container
                    + "}[$__rate_interval])) / sum by (pod) (rate(container_cpu_cfs_periods_total{"
                    + container
                    + "}[$__rate_interval]))",
                "{{pod}}")));
    dashboard.timeseries(
        "Restarts (last hour)",
        "short",
        12,
        List.of(
            new Query(
                "sum by (pod) (increase(kube_pod_container_status_restarts_total{"
                    + container
                    + "}[1h]))",
                "{{pod}}")));
  }

  /** The per-container requests or limits, as kube-state-metrics reports them for one pod. */
  private static Query resource(String kind, String resource, String container) {
    return new Query(
        "max(kube_pod_container_resource_"
            + kind
            + "{"
            + container
            + ", resource=\""
            + resource
            + "\"})",
        kind);
  }

  private void replicas(Dashboard dashboard) {
    String ns = "namespace=~\"$namespace\"";
    String hpa = "{" + ns + ", horizontalpodautoscaler=\"" + app + "\"}";
    dashboard.row("Replicas");
    dashboard.timeseries(
        "Replicas against the autoscaler's bounds",
        "short",
        24,
        List.of(
            new Query(
                "sum(kube_"
                    + workload
                    + "_status_replicas_available{"
                    + ns
                    + ", "
                    + workload
                    + "=\""
                    + app
                    + "\"})",
                "available"),
            new Query(
                "max(kube_horizontalpodautoscaler_status_desired_replicas" + hpa + ")", "desired"),
            new Query("max(kube_horizontalpodautoscaler_spec_min_replicas" + hpa + ")", "min"),
            new Query("max(kube_horizontalpodautoscaler_spec_max_replicas" + hpa + ")", "max")));
  }
}
