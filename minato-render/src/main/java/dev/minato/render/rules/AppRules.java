package dev.minato.render.rules;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.minato.manifest.YamlWriter;
import dev.minato.spec.App;
import dev.minato.spec.AppSpec;
import dev.minato.spec.Slo;
import java.util.Optional;

/**
 * Every Prometheus rule of one version of an app: the threshold alerts of {@code spec.alerts}, the
 * recording rules and burn-rate alerts of each SLO, and the platform alerts of an app with SLOs.
 * The same groups go into a PrometheusRule, a rule file in a ConfigMap, and the files {@code
 * generate --emit-rule-tests} writes for {@code promtool}.
 */
public final class AppRules {

  private AppRules() {}

  /** The rule groups, empty when the app has neither alerts nor SLOs. */
  public static ArrayNode groups(App app, AppSpec spec) {
    ArrayNode groups = JsonNodeFactory.instance.arrayNode();
    if (!spec.serves() && spec.slos().isEmpty()) {
      return groups;
    }
    if (spec.serves()) {
      spec.alerts().ifPresent(a -> groups.add(ThresholdAlerts.group(app, a)));
    }
    Optional<String> runbook = spec.monitoring().runbookUrl();
    for (Slo slo : spec.slos()) {
      groups.add(SloRules.group(app, slo, runbook));
    }
    if (!spec.slos().isEmpty()) {
      PlatformAlerts.group(app, PlatformAlerts.of(app, spec), runbook).ifPresent(groups::add);
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
