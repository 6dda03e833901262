package dev.minato.check.rules;

import dev.minato.check.RuleContext;
import dev.minato.check.RuleInfo;
import dev.minato.check.Severity;
import dev.minato.check.inventory.Container;
import dev.minato.check.inventory.Workload;

/**
 * Serving containers (long-running, with a declared port or a Service sending them traffic) have a
 * liveness or a readiness probe. One class, two rules: they differ only in the probe field and the
 * consequence.
 */
final class ServingProbe extends WorkloadRule {

  static final ServingProbe LIVENESS =
      new ServingProbe(
          RuleInfo.everywhere(
              "liveness-probe", Severity.WARNING, "serving containers have a livenessProbe"),
          "livenessProbe",
          "a hung process keeps its pod and never restarts");

  static final ServingProbe READINESS =
      new ServingProbe(
          RuleInfo.everywhere(
              "readiness-probe", Severity.ERROR, "serving containers have a readinessProbe"),
          "readinessProbe",
          "traffic arrives before the app can serve it, on every rollout");

  private final RuleInfo info;
  private final String field;
  private final String consequence;

  private ServingProbe(RuleInfo info, String field, String consequence) {
    this.info = info;
    this.field = field;
    this.consequence = consequence;
  }

  @Override
  public RuleInfo info() {
    return info;
  }

  @Override
  void check(Workload workload, RuleContext context) {
    if (!workload.longRunning()) {
      return;
    }
    for (Container container : workload.containers()) {
      if (context.inventory().serves(workload, container) && !container.path(field).isObject()) {
        context.report(
            workload.object(),
            container.pointer(""),
            subject(workload, container)
                + " serves traffic but has no "
                + field
                + "; "
                + consequence);
      }
    }
  }
}
