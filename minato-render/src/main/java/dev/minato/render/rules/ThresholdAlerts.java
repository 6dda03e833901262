package dev.minato.render.rules;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.minato.spec.Alerts;
import dev.minato.spec.App;

/**
 * The simple form, {@code spec.alerts}: an error-rate and a p99-latency threshold over 5 minutes.
 * They page on blips and miss slow burns; SLOs ({@link SloRules}) are the better form.
 */
final class ThresholdAlerts {

  private ThresholdAlerts() {}

  static ObjectNode group(App app, Alerts alerts, Runbooks runbooks) {
    ObjectNode group = JsonNodeFactory.instance.objectNode().put("name", app.name() + ".rules");
    ArrayNode rules = group.putArray("rules");
    String prefix = SloRules.camel(app.name());
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
                  runbooks);
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
                  runbooks);
            });
    return group;
  }

  private static void alert(
      ObjectNode rule, String name, String expr, String app, String summary, Runbooks runbooks) {
    rule.put("alert", name).put("expr", expr).put("for", "5m");
    rule.putObject("labels").put("severity", "warning").put("app", app);
    ObjectNode annotations = rule.putObject("annotations").put("summary", summary);
    runbooks.forAlert(name).ifPresent(url -> annotations.put("runbook_url", url));
  }
}
