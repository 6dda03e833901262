package dev.minato.check.rules;

import com.fasterxml.jackson.databind.JsonNode;
import dev.minato.check.Rule;
import dev.minato.check.RuleContext;
import dev.minato.check.RuleInfo;
import dev.minato.check.Severity;
import dev.minato.check.inventory.Inventory;
import dev.minato.manifest.InvalidValueException;
import dev.minato.manifest.KubeObject;
import dev.minato.manifest.selector.LabelSelector;

/**
 * Services, PDBs and HPAs point at something in the input. A selector with a typo matches nothing
 * silently: the Service has no endpoints, the PDB protects nothing, the HPA scales nothing.
 */
final class SelectorMatch implements Rule {

  static final RuleInfo INFO =
      RuleInfo.everywhere(
          "selector-match",
          Severity.ERROR,
          "every Service, PDB and HPA selects or targets a workload in the input");

  @Override
  public RuleInfo info() {
    return INFO;
  }

  @Override
  public boolean appliesTo(KubeObject object) {
    return switch (object.kind()) {
      case "PodDisruptionBudget", "HorizontalPodAutoscaler" -> true;
      case "Service" -> object.group().isEmpty();
      default -> false;
    };
  }

  @Override
  public void check(KubeObject object, RuleContext context) {
    String namespace = object.namespace();
    String scope = Inventory.scopeOf(object);
    String where = namespace.isEmpty() ? "in the input" : "in namespace '" + namespace + "'";
    switch (object.kind()) {
      case "Service" -> {
        JsonNode selector = object.at("/spec/selector");
        if (!selector.isObject() || selector.isEmpty()) {
          return; // no selector: endpoints are managed by hand or by another controller
        }
        LabelSelector labels = LabelSelector.ofMap(selector);
        if (context.inventory().workloadsSelectedBy(scope, labels).isEmpty()) {
          context.report(
              object,
              "/spec/selector",
              object.key()
                  + " selects pods with "
                  + labels
                  + " but no workload "
                  + where
                  + " has pods with those labels; the Service would have no endpoints");
        }
      }
      case "PodDisruptionBudget" -> {
        LabelSelector selector;
        try {
          selector = LabelSelector.of(object.at("/spec/selector"));
        } catch (InvalidValueException e) {
          context.report(
              object,
              "/spec/selector",
              object.key() + " has a selector the API server refuses: " + e.getMessage());
          return;
        }
        if (context.inventory().workloadsSelectedBy(scope, selector).isEmpty()) {
          context.report(
              object,
              "/spec/selector",
              object.key()
                  + " selects pods with "
                  + (selector.isEmpty() ? "an empty selector" : selector.toString())
                  + " but no workload "
                  + where
                  + " has such pods; it protects nothing");
        }
      }
      default -> {
        JsonNode target = object.at("/spec/scaleTargetRef");
        String kind = target.path("kind").asText("");
        String name = target.path("name").asText("");
        if (context.inventory().find(scope, kind, name).isEmpty()) {
          context.report(
              object,
              "/spec/scaleTargetRef",
              object.key()
                  + " targets "
                  + kind
                  + "/"
                  + name
                  + ", which is not "
                  + where
                  + "; it scales nothing");
        }
      }
    }
  }
}
