package dev.minato.render.objects;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.minato.spec.App;
import dev.minato.spec.Metrics;
import dev.minato.spec.PlatformMonitoring;
import dev.minato.spec.PlatformMonitoring.Backend;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The pod annotations that ask the platform's collector to scrape an app's metrics endpoint:
 * Prometheus's conventional {@code prometheus.io/*} (when no ServiceMonitor does it), or for the
 * Datadog Agent an Autodiscovery OpenMetrics check on the app's container.
 */
final class ScrapeAnnotations {

  static final String DATADOG_PREFIX = "ad.datadoghq.com/";

  private static final ObjectMapper JSON = new ObjectMapper();

  private ScrapeAnnotations() {}

  static Map<String, String> of(App app, Metrics metrics, PlatformMonitoring monitoring) {
    Map<String, String> annotations = new LinkedHashMap<>();
    if (monitoring.backend() == Backend.DATADOG) {
      annotations.put(DATADOG_PREFIX + app.name() + ".checks", datadogCheck(app, metrics));
    } else if (!metrics.serviceMonitor()) {
      annotations.put("prometheus.io/scrape", "true");
      annotations.put("prometheus.io/port", Integer.toString(metrics.port()));
      annotations.put("prometheus.io/path", metrics.path());
    }
    return annotations;
  }

  /** Whether the platform scrapes through a ServiceMonitor rather than pod annotations. */
  static boolean serviceMonitor(Metrics metrics, PlatformMonitoring monitoring) {
    return metrics.serviceMonitor() && monitoring.backend() == Backend.PROMETHEUS;
  }

  /**
   * Autodiscovery v2 (Agent 7.36+): one OpenMetrics instance on the pod's address, every metric,
   * named under the app (Datadog metric names take {@code _}, not {@code -}).
   */
  private static String datadogCheck(App app, Metrics metrics) {
    ObjectNode checks = JSON.createObjectNode();
    ObjectNode openmetrics = checks.putObject("openmetrics");
    openmetrics.putObject("init_config");
    ObjectNode instance = openmetrics.putArray("instances").addObject();
    instance.put("openmetrics_endpoint", "http://%%host%%:" + metrics.port() + metrics.path());
    instance.put("namespace", app.name().replace('-', '_'));
    instance.putArray("metrics").add(".*");
    try {
      return JSON.writeValueAsString(checks);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a tree of plain values always serialises", e);
    }
  }
}
