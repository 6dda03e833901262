package dev.minato.check.rules;

import com.fasterxml.jackson.databind.JsonNode;
import dev.minato.check.RuleContext;
import dev.minato.check.RuleInfo;
import dev.minato.check.Severity;
import dev.minato.check.inventory.Container;
import dev.minato.check.inventory.Workload;

/**
 * A startupProbe gives a slow start at least as long as the liveness probe's initial window.
 *
 * <p>Once a startupProbe exists, the liveness probe waits for it, so the startup probe's budget
 * ({@code initialDelaySeconds + failureThreshold × periodSeconds}) is all the time a start gets.
 * When it is shorter than the {@code initialDelaySeconds} the liveness probe was given (the time
 * the app was known to need), starts that used to succeed are killed.
 */
final class StartupBudget extends WorkloadRule {

  static final RuleInfo INFO =
      RuleInfo.everywhere(
          "startup-budget",
          Severity.ERROR,
          "a startupProbe allows at least the liveness probe's initial delay");

  @Override
  public RuleInfo info() {
    return INFO;
  }

  @Override
  void check(Workload workload, RuleContext context) {
    for (Container container : workload.runningContainers()) {
      JsonNode startup = container.path("startupProbe");
      JsonNode liveness = container.path("livenessProbe");
      if (!startup.isObject() || !liveness.isObject()) {
        continue;
      }
      int delay = startup.path("initialDelaySeconds").asInt(0);
      int failures = startup.path("failureThreshold").asInt(3);
      int period = startup.path("periodSeconds").asInt(10);
      int budget = delay + failures * period;
      int window = liveness.path("initialDelaySeconds").asInt(0);
      if (budget < window) {
        context.report(
            workload.object(),
            container.pointer("/startupProbe"),
            subject(workload, container)
                + " startupProbe allows "
                + budget
                + "s (initialDelaySeconds "
                + delay
                + " + failureThreshold "
                + failures
                + " × periodSeconds "
                + period
                + ") but the livenessProbe's initial window is "
                + window
                + "s; a start that needs it is killed "
                + (window - budget)
                + "s early: raise failureThreshold to at least "
                + (int) Math.ceil((window - delay) / (double) period));
      }
    }
  }
}
