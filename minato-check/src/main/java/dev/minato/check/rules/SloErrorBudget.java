package dev.minato.check.rules;

import com.fasterxml.jackson.databind.JsonNode;
import dev.minato.check.Rule;
import dev.minato.check.RuleContext;
import dev.minato.check.RuleInfo;
import dev.minato.check.Severity;
import dev.minato.check.inventory.Inventory;
import dev.minato.manifest.KubeObject;
import java.math.BigDecimal;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An SLO objective leaves an error budget: below 100 %. At 100 % every failed request breaks it,
 * the budget is zero, burn-rate alerts divide by it, and no release or failure is ever affordable.
 * Read from the recording rule every SLO generator writes ({@code slo:objective:ratio}, minato's,
 * Sloth's and Pyrra's alike), Sloth's {@code PrometheusServiceLevel} ({@code objective} in percent)
 * and Pyrra's {@code ServiceLevelObjective} ({@code target} in percent).
 */
final class SloErrorBudget implements Rule {

  static final RuleInfo INFO =
      RuleInfo.everywhere(
          "slo-error-budget", Severity.ERROR, "SLO objectives are below 100 % (an error budget)");

  /** {@code 1}, {@code 1.0} or {@code vector(1)}: a constant objective ratio. */
  private static final Pattern CONSTANT =
      Pattern.compile("\\s*(?:vector\\s*\\(\\s*)?([0-9]+(?:\\.[0-9]+)?)\\s*\\)?\\s*");

  private static final BigDecimal ONE = BigDecimal.ONE;
  private static final BigDecimal HUNDRED = new BigDecimal(100);

  @Override
  public RuleInfo info() {
    return INFO;
  }

  @Override
  public boolean appliesTo(KubeObject object) {
    return switch (object.kind()) {
      case "PrometheusRule" -> object.group().equals(Inventory.MONITORING_GROUP);
      case "PrometheusServiceLevel" -> object.group().equals("sloth.slok.dev");
      case "ServiceLevelObjective" -> object.group().equals("pyrra.dev");
      default -> false;
    };
  }

  @Override
  public void check(KubeObject object, RuleContext context) {
    switch (object.kind()) {
      case "PrometheusRule" -> recordingRules(object, context);
      case "PrometheusServiceLevel" -> {
        JsonNode slos = object.at("/spec/slos");
        for (int i = 0; i < slos.size(); i++) {
          percent(slos.get(i).path("objective"), object, "/spec/slos/" + i + "/objective", context);
        }
      }
      default -> percent(object.at("/spec/target"), object, "/spec/target", context);
    }
  }

  private static void recordingRules(KubeObject object, RuleContext context) {
    JsonNode groups = object.at("/spec/groups");
    for (int g = 0; g < groups.size(); g++) {
      JsonNode rules = groups.get(g).path("rules");
      for (int r = 0; r < rules.size(); r++) {
        JsonNode rule = rules.get(r);
        if (!rule.path("record").asText("").equals("slo:objective:ratio")) {
          continue;
        }
        Optional<BigDecimal> ratio = constant(rule.path("expr").asText(""));
        if (ratio.isPresent() && ratio.get().compareTo(ONE) >= 0) {
          report(
              object,
              "/spec/groups/" + g + "/rules/" + r + "/expr",
              "records slo:objective:ratio "
                  + ratio.get().toPlainString()
                  + " (group '"
                  + groups.get(g).path("name").asText()
                  + "')",
              context);
        }
      }
    }
  }

  private static void percent(
      JsonNode value, KubeObject object, String pointer, RuleContext context) {
    Optional<BigDecimal> objective = constant(value.asText(""));
    if (objective.isPresent() && objective.get().compareTo(HUNDRED) >= 0) {
      report(
          object,
          pointer,
          "sets an objective of " + objective.get().toPlainString() + " %",
          context);
    }
  }

  private static Optional<BigDecimal> constant(String text) {
    Matcher matcher = CONSTANT.matcher(text);
    return matcher.matches() ? Optional.of(new BigDecimal(matcher.group(1))) : Optional.empty();
  }

  private static void report(KubeObject object, String pointer, String what, RuleContext context) {
    context.report(
        object,
        pointer,
        object.key()
            + " "
            + what
            + ": a 100 % objective leaves no error budget, so every failed request breaks it and"
            + " burn-rate alerts divide by zero. Choose what users need, e.g. 99.9 %");
  }
}
