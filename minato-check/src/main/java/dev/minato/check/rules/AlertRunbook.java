package dev.minato.check.rules;

import com.fasterxml.jackson.databind.JsonNode;
import dev.minato.check.Rule;
import dev.minato.check.RuleContext;
import dev.minato.check.RuleInfo;
import dev.minato.check.Severity;
import dev.minato.check.inventory.Inventory;
import dev.minato.manifest.KubeObject;

/**
 * Every alerting rule of a PrometheusRule links its runbook ({@code annotations.runbook_url}): the
 * person paged at night needs to know what the alert means and what to do, not only that it fired.
 */
final class AlertRunbook implements Rule {

  static final RuleInfo INFO =
      RuleInfo.everywhere(
          "alert-runbook", Severity.WARNING, "every alert of a PrometheusRule has a runbook_url");

  @Override
  public RuleInfo info() {
    return INFO;
  }

  @Override
  public boolean appliesTo(KubeObject object) {
    return object.kind().equals("PrometheusRule")
        && object.group().equals(Inventory.MONITORING_GROUP);
  }

  @Override
  public void check(KubeObject object, RuleContext context) {
    JsonNode groups = object.at("/spec/groups");
    for (int g = 0; g < groups.size(); g++) {
      JsonNode rules = groups.get(g).path("rules");
      for (int r = 0; r < rules.size(); r++) {
        JsonNode rule = rules.get(r);
        if (!rule.hasNonNull("alert")
            || !rule.path("annotations").path("runbook_url").asText("").isBlank()) {
          continue;
        }
        String pointer = "/spec/groups/" + g + "/rules/" + r;
        context.report(
            object,
            rule.has("annotations") ? pointer + "/annotations" : pointer,
            object.key()
                + " alert '"
                + rule.path("alert").asText()
                + "' (group '"
                + groups.get(g).path("name").asText()
                + "') has no runbook_url annotation; whoever it pages learns that it fired, not"
                + " what it means or what to do. Link the runbook");
      }
    }
  }
}
