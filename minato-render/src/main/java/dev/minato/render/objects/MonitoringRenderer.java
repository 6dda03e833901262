package dev.minato.render.objects;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.minato.manifest.migration.MigrationPolicy;
import dev.minato.render.rules.AppRules;
import dev.minato.spec.App;
import dev.minato.spec.AppSpec;
import dev.minato.spec.Metrics;
import dev.minato.spec.Monitoring;
import dev.minato.spec.PlatformMonitoring;
import java.util.Map;
import java.util.Optional;

/**
 * Monitoring objects: the ServiceMonitor that scrapes an app, and its rules as a PrometheusRule or
 * a ConfigMap holding a rule file.
 */
final class MonitoringRenderer {

  static final String API_VERSION = "monitoring.coreos.com/v1";

  /** The ConfigMap of a rule file is named {@code <app>-prometheus-rules}. */
  static final String RULES_CONFIG_MAP_SUFFIX = "-prometheus-rules";

  /** The key of the rule file in that ConfigMap. */
  static final String RULE_FILE = "rules.yaml";

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

  /**
   * The app's rules as a PrometheusRule, or for a Prometheus without the Operator as a ConfigMap
   * holding the rule file {@code rules.yaml}; empty when there are none.
   */
  static Optional<ObjectNode> rules(App app, AppSpec spec, PlatformMonitoring platform) {
    ArrayNode groups = AppRules.groups(app, spec, platform);
    if (groups.isEmpty()) {
      return Optional.empty();
    }
    if (spec.monitoring().rules() == Monitoring.RuleFormat.CONFIG_MAP) {
      ObjectNode map =
          Trees.header(
              "v1",
              "ConfigMap",
              app.name() + RULES_CONFIG_MAP_SUFFIX,
              monitoringLabels(app),
              Map.of());
      map.putObject("data").put(RULE_FILE, AppRules.ruleFile(groups));
      return Optional.of(map);
    }
    ObjectNode rule =
        Trees.header(API_VERSION, "PrometheusRule", app.name(), monitoringLabels(app), Map.of());
    rule.putObject("spec").set("groups", groups);
    return Optional.of(rule);
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
