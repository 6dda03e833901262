package dev.minato.spec;

import java.util.Objects;
import java.util.Optional;

/**
 * How the clusters are monitored, from {@code platform.yaml}'s {@code monitoring} section: facts no
 * app spec can know, yet every app's rendering depends on.
 *
 * @param backend what collects the apps' metrics
 * @param dashboards whether a Grafana dashboard is rendered for each app (and the overview)
 * @param dashboardLabel the label key the Grafana sidecar watches ConfigMaps for
 * @param dashboardLabelValue that label's value
 * @param runbookUrl the runbook link of every alert minato renders, {@code {app}} and {@code
 *     {alert}} replaced by the app's and the alert's names
 */
public record PlatformMonitoring(
    Backend backend,
    boolean dashboards,
    String dashboardLabel,
    String dashboardLabelValue,
    Optional<String> runbookUrl) {

  /** The label and value kube-prometheus-stack's Grafana sidecar watches by default. */
  public static final String SIDECAR_LABEL = "grafana_dashboard";

  public static final String SIDECAR_LABEL_VALUE = "1";

  /** What collects the metrics an app exposes. */
  public enum Backend {
    /**
     * Prometheus with the Operator: a ServiceMonitor (or {@code prometheus.io/*} annotations) and
     * Grafana dashboards.
     */
    PROMETHEUS,
    /** The Datadog Agent: Autodiscovery annotations with an OpenMetrics check on the pods. */
    DATADOG
  }

  public PlatformMonitoring {
    Objects.requireNonNull(backend, "backend");
    Objects.requireNonNull(dashboardLabel, "dashboardLabel");
    Objects.requireNonNull(dashboardLabelValue, "dashboardLabelValue");
    Objects.requireNonNull(runbookUrl, "runbookUrl");
  }

  /** Without a {@code monitoring} section: Prometheus, dashboards for the usual Grafana sidecar. */
  public static PlatformMonitoring defaults() {
    return new PlatformMonitoring(
        Backend.PROMETHEUS, true, SIDECAR_LABEL, SIDECAR_LABEL_VALUE, Optional.empty());
  }

  /** The runbook of an app's alert, when the platform names where runbooks live. */
  public Optional<String> runbook(String app, String alert) {
    return runbookUrl.map(url -> url.replace("{app}", app).replace("{alert}", alert));
  }

  /** Whether Grafana dashboards are rendered: only where Prometheus holds the metrics. */
  public boolean rendersDashboards() {
    return dashboards && backend == Backend.PROMETHEUS;
  }
}
