package dev.minato.render.objects;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.minato.manifest.migration.MigrationPolicy;
import dev.minato.spec.Alerts;
import dev.minato.spec.App;
import dev.minato.spec.Metrics;
import dev.minato.spec.PlatformMonitoring;
import java.util.Locale;
import java.util.Map;

/** Prometheus Operator objects: the ServiceMonitor that scrapes an app and its alert rules. */
final class MonitoringRenderer {

  static final String API_VERSION = "monitoring.coreos.com/v1";

  private MonitoringRenderer() {}

  static ObjectNode serviceMonitor(App app, Metrics metrics) {
    ObjectNode monitor =
        Trees.header(API_VERSION, "ServiceMonitor", app.name(), monitoringLabels(app), Map.of());
    ObjectNode body = monitor.putObject("spec");
    // The metrics port is on the internal Service only; selecting it alone scrapes each pod once.
    body.putObject("selector").set("matchLabels", Trees.map(InternalServiceRenderer.selector(app)));
    body.putArray("endpoints")
        .addObject()
        .put("port", DeploymentRenderer.METRICS_PORT)
        .put("path", metrics.path())
        .put("interval", "30s");
    return monitor;
  }

  static ObjectNode prometheusRule(App app, Alerts alerts, PlatformMonitoring monitoring) {
    ObjectNode rule =
        Trees.header(API_VERSION, "PrometheusRule", app.name(), monitoringLabels(app), Map.of());
    ObjectNode group =
        rule.putObject("spec").putArray("groups").addObject().put("name", app.name() + ".rules");
    ArrayNode rules = group.putArray("rules");
    String prefix = camel(app.name());
    String selector = alerts.selector();
    alerts
        .errorRatePercent()
        .ifPresent(
            percent -> {
              String requests = alerts.requestsMetric();
              String expr =
                  "100 * sum(rate("
                      + requests
                      + "{"
                      + selector
                      + ","
                      + alerts.statusLabel()
                      + "=~\"5..\"}[5m])) / sum(rate("
                      + requests
                      + "{"
                      + selector
                      + "}[5m])) > "
                      + percent.toPlainString();
              alert(
                  rules.addObject(),
                  prefix + "HighErrorRate",
                  expr,
                  app.name(),
                  "More than "
                      + percent.toPlainString()
                      + "% of requests to "
                      + app.name()
                      + " fail with a 5xx status",
                  monitoring);
            });
    alerts
        .latencyP99Ms()
        .ifPresent(
            ms -> {
              String expr =
                  "1000 * histogram_quantile(0.99, sum by (le) (rate("
                      + alerts.durationMetric()
                      + "{"
                      + selector
                      + "}[5m]))) > "
                      + ms;
              alert(
                  rules.addObject(),
                  prefix + "HighLatencyP99",
                  expr,
                  app.name(),
                  "The 99th percentile latency of " + app.name() + " is above " + ms + " ms",
                  monitoring);
            });
    return rule;
  }

  private static void alert(
      ObjectNode rule,
      String name,
      String expr,
      String app,
      String summary,
      PlatformMonitoring monitoring) {
    rule.put("alert", name).put("expr", expr).put("for", "5m");
    rule.putObject("labels").put("severity", "warning").put("app", app);
    ObjectNode annotations = rule.putObject("annotations").put("summary", summary);
    monitoring.runbook(app, name).ifPresent(url -> annotations.put("runbook_url", url));
  }

  /** {@code shop-api} becomes {@code ShopApi}, the usual spelling of alert names. */
  static String camel(String name) {
    StringBuilder out = new StringBuilder();
    for (String part : name.split("-")) {
      if (!part.isEmpty()) {
        out.append(part.substring(0, 1).toUpperCase(Locale.ROOT)).append(part.substring(1));
      }
    }
    return out.toString();
  }

  /**
   * Scrape and alert configuration may exist in both clusters while an app moves: it acts only on
   * pods that run there. It says so, because {@code migrate} needs a policy for every custom
   * resource and would otherwise refuse a plan that holds generate's own output.
   */
  private static Map<String, String> monitoringLabels(App app) {
    return Labels.workload(app, Components.WEB, MigrationPolicy.DUPLICATE_OK);
  }
}
