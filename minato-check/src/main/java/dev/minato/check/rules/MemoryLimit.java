package dev.minato.check.rules;

import dev.minato.check.RuleContext;
import dev.minato.check.RuleInfo;
import dev.minato.check.Severity;
import dev.minato.check.inventory.Container;
import dev.minato.check.inventory.Workload;

/** Every container has a memory limit, so one leak cannot take the node's memory. */
final class MemoryLimit extends WorkloadRule {

  static final RuleInfo INFO =
      RuleInfo.everywhere("memory-limit", Severity.WARNING, "every container has a memory limit");

  @Override
  public RuleInfo info() {
    return INFO;
  }

  @Override
  void check(Workload workload, RuleContext context) {
    for (Container container : workload.allContainers()) {
      if (!container.path("resources").path("limits").hasNonNull("memory")) {
        String pointer =
            container.path("resources").isObject()
                ? container.pointer("/resources")
                : container.pointer("");
        context.report(
            workload.object(),
            pointer,
            subject(workload, container)
                + " has no memory limit; a leak grows until the node evicts its neighbours");
      }
    }
  }
}
