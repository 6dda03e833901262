package dev.minato.check.rules;

import com.fasterxml.jackson.databind.JsonNode;
import dev.minato.check.Rule;
import dev.minato.check.RuleContext;
import dev.minato.check.RuleInfo;
import dev.minato.check.Severity;
import dev.minato.check.inventory.Container;
import dev.minato.check.inventory.Inventory;
import dev.minato.check.inventory.Workload;
import dev.minato.manifest.JsonPointers;
import dev.minato.manifest.KubeObject;
import java.util.Optional;

/**
 * An HPA on CPU or memory utilization targets containers that request that resource: utilization is
 * usage divided by request, so without a request the HPA reports an error and never scales.
 */
final class HpaCpuRequest implements Rule {

  static final RuleInfo INFO =
      RuleInfo.everywhere(
          "hpa-cpu-request",
          Severity.ERROR,
          "an HPA on cpu/memory utilization targets containers that request that resource");

  @Override
  public RuleInfo info() {
    return INFO;
  }

  @Override
  public boolean appliesTo(KubeObject object) {
    return object.kind().equals("HorizontalPodAutoscaler");
  }

  @Override
  public void check(KubeObject hpa, RuleContext context) {
    JsonNode target = hpa.at("/spec/scaleTargetRef");
    Optional<Workload> workload =
        context
            .inventory()
            .find(
                Inventory.scopeOf(hpa),
                target.path("kind").asText(""),
                target.path("name").asText(""))
            .flatMap(object -> context.inventory().workload(object));
    if (workload.isEmpty()) {
      return;
    }
    if (hpa.at("/spec/targetCPUUtilizationPercentage").isNumber()) {
      requireRequests(
          hpa, "/spec/targetCPUUtilizationPercentage", "cpu", "", workload.get(), context);
    }
    JsonNode metrics = hpa.at("/spec/metrics");
    for (int i = 0; i < metrics.size(); i++) {
      JsonNode metric = metrics.get(i);
      String pointer = JsonPointers.child("/spec/metrics", i);
      String type = metric.path("type").asText("");
      JsonNode source =
          type.equals("Resource")
              ? metric.path("resource")
              : type.equals("ContainerResource") ? metric.path("containerResource") : null;
      if (source == null || !utilization(source)) {
        continue;
      }
      requireRequests(
          hpa,
          pointer,
          source.path("name").asText(""),
          source.path("container").asText(""),
          workload.get(),
          context);
    }
  }

  /** autoscaling/v2 writes {@code target.type: Utilization}; v2beta1 a targetAverageUtilization. */
  private static boolean utilization(JsonNode source) {
    return source.path("target").path("type").asText("").equals("Utilization")
        || source.has("targetAverageUtilization");
  }

  private static void requireRequests(
      KubeObject hpa,
      String pointer,
      String resource,
      String onlyContainer,
      Workload workload,
      RuleContext context) {
    for (Container container : workload.containers()) {
      if (!onlyContainer.isEmpty() && !onlyContainer.equals(container.name())) {
        continue;
      }
      if (!container.path("resources").path("requests").hasNonNull(resource)) {
        context.report(
            hpa,
            pointer,
            hpa.key()
                + " scales on "
                + resource
                + " utilization but "
                + WorkloadRule.subject(workload, container)
                + " requests no "
                + resource
                + "; utilization is undefined and the HPA never scales");
      }
    }
  }
}
