package dev.minato.check.rules;

import dev.minato.check.Rule;
import dev.minato.check.RuleContext;
import dev.minato.check.RuleInfo;
import dev.minato.check.Severity;
import dev.minato.check.suppression.SuppressionAnnotation;
import dev.minato.check.suppression.Suppressions;
import dev.minato.manifest.KubeObject;
import dev.minato.manifest.Suggestions;

/**
 * Suppression annotations name a known rule and give a reason (with a valid expiry date if any). A
 * suppression that cannot be honoured is reported rather than silently ignored.
 */
final class InvalidSuppression implements Rule {

  static final RuleInfo INFO =
      RuleInfo.everywhere(
          "invalid-suppression",
          Severity.ERROR,
          "ignore.minato.dev annotations name a known rule and give a reason");

  @Override
  public RuleInfo info() {
    return INFO;
  }

  @Override
  public boolean appliesTo(KubeObject object) {
    return Suppressions.any(object);
  }

  @Override
  public void check(KubeObject object, RuleContext context) {
    for (SuppressionAnnotation annotation : Suppressions.on(object)) {
      String key = SuppressionAnnotation.PREFIX + annotation.ruleId();
      if (!Catalog.ids().contains(annotation.ruleId())) {
        context.report(
            object,
            annotation.pointer(),
            object.key()
                + " annotation '"
                + key
                + "' names no rule"
                + Suggestions.didYouMean(annotation.ruleId(), Catalog.ids())
                + " (minato check --list-rules shows them all)");
      } else if (annotation.parse() instanceof SuppressionAnnotation.Invalid invalid) {
        context.report(
            object,
            annotation.pointer(),
            object.key()
                + " annotation '"
                + key
                + "' does not suppress anything: "
                + invalid.problem());
      }
    }
  }
}
