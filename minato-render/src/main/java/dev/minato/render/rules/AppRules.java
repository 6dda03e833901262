package dev.minato.render.rules;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.minato.manifest.YamlWriter;
import dev.minato.spec.App;
import dev.minato.spec.AppSpec;
import dev.minato.spec.PlatformMonitoring;
import dev.minato.spec.Slo;

/**
 * Every Prometheus rule of one version of an app: the threshold alerts of {@code spec.alerts}, the
 * recording rules and burn-rate alerts of each SLO, and the platform alerts of an app with SLOs.
 * The same groups go into a PrometheusRule, a rule file in a ConfigMap, and the files {@code
 * generate --emit-rule-tests} writes for {@code promtool}.
 */
public final class AppRules {

  private AppRules() {}

  /** The rule groups on a platform without a runbook default. */
  public static ArrayNode groups(App app, AppSpec spec) {
    return groups(app, spec, PlatformMonitoring.defaults());
  }

  /** The rule groups, empty when the app has neither alerts nor SLOs. */
  public static ArrayNode groups(App app, AppSpec spec, PlatformMonitoring platform) {
    ArrayNode groups = JsonNodeFactory.instance.arrayNode();
    if (!spec.serves() && spec.slos().isEmpty()) {
      return groups;
    }
    Runbooks runbooks = Runbooks.of(app, spec, platform);
    if (spec.serves()) {
      spec.alerts().ifPresent(a -> groups.add(ThresholdAlerts.group(app, a, runbooks)));
    }
    for (Slo slo : spec.slos()) {
      groups.add(SloRules.group(app, slo, runbooks));
    }
    if (!spec.slos().isEmpty()) {
      PlatformAlerts.group(app, PlatformAlerts.of(app, spec), runbooks).ifPresent(groups::add);
    }
    return groups;
  }

  /** A plain Prometheus rule file of these groups, as {@code rule_files} and promtool read it. */
  public static String ruleFile(ArrayNode groups) {
    ObjectNode file = JsonNodeFactory.instance.objectNode();
    file.set("groups", groups);
    return YamlWriter.write(file);
  }
}
