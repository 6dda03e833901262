package dev.minato.check.rules;

import com.fasterxml.jackson.databind.JsonNode;
import dev.minato.check.RuleContext;
import dev.minato.check.RuleInfo;
import dev.minato.check.Severity;
import dev.minato.check.inventory.Container;
import dev.minato.check.inventory.Workload;
import dev.minato.manifest.InvalidValueException;
import dev.minato.manifest.quantity.Quantity;
import java.util.ArrayList;
import java.util.List;

/**
 * Every container requests CPU and memory, which scheduling and autoscaling are based on, as
 * quantities the API server reads.
 */
final class ResourcesRequests extends WorkloadRule {

  static final RuleInfo INFO =
      RuleInfo.everywhere(
          "resources-requests", Severity.ERROR, "every container requests cpu and memory");

  @Override
  public RuleInfo info() {
    return INFO;
  }

  @Override
  void check(Workload workload, RuleContext context) {
    for (Container container : workload.allContainers()) {
      JsonNode requests = container.path("resources").path("requests");
      List<String> missing = new ArrayList<>();
      for (String resource : List.of("cpu", "memory")) {
        if (!requests.hasNonNull(resource)) {
          missing.add(resource);
        } else {
          refused(workload, container, resource, context);
        }
      }
      if (!missing.isEmpty()) {
        String pointer =
            requests.isObject()
                ? container.pointer("/resources/requests")
                : container.path("resources").isObject()
                    ? container.pointer("/resources")
                    : container.pointer("");
        context.report(
            workload.object(),
            pointer,
            subject(workload, container)
                + " requests no "
                + String.join(" and no ", missing)
                + "; the scheduler packs it blindly and autoscalers cannot compute utilization");
      }
    }
  }

  /** A request the API server cannot read as a quantity is no request: the object is refused. */
  private static void refused(
      Workload workload, Container container, String resource, RuleContext context) {
    try {
      Quantity.of(container.path("resources").path("requests").path(resource));
    } catch (InvalidValueException e) {
      context.report(
          workload.object(),
          container.pointer("/resources/requests/" + resource),
          subject(workload, container)
              + " requests "
              + resource
              + " that the API server refuses: "
              + e.getMessage());
    }
  }
}
