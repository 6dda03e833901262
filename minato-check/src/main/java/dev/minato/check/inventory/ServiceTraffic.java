package dev.minato.check.inventory;

import com.fasterxml.jackson.databind.JsonNode;
import dev.minato.manifest.KubeObject;
import dev.minato.manifest.selector.LabelSelector;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Which containers the Services of the input send traffic to, beyond those that declare a port. A
 * container does not have to list a port to receive traffic: a Service's numeric {@code targetPort}
 * (default: its {@code port}) reaches the pod whatever the containers declare. When no container
 * declares that number, the traffic is attributed to the first app container, the one kubectl also
 * picks by default. A named {@code targetPort} only reaches a container that declares that name,
 * which makes it serving already.
 */
final class ServiceTraffic {

  private final Map<Workload, Set<String>> reached;
  private final Map<Workload, List<KubeObject>> selected;

  private ServiceTraffic(
      Map<Workload, Set<String>> reached, Map<Workload, List<KubeObject>> selected) {
    this.reached = reached;
    this.selected = selected;
  }

  static ServiceTraffic of(List<KubeObject> services, Inventory inventory) {
    Map<Workload, Set<String>> reached = new IdentityHashMap<>();
    Map<Workload, List<KubeObject>> selectedBy = new IdentityHashMap<>();
    for (KubeObject service : services) {
      JsonNode selector = service.at("/spec/selector");
      if (!selector.isObject() || selector.isEmpty()) {
        continue; // endpoints managed by hand: which pods they are is not in the input
      }
      List<Workload> selected =
          inventory.workloadsSelectedBy(Inventory.scopeOf(service), LabelSelector.ofMap(selector));
      selected.forEach(w -> selectedBy.computeIfAbsent(w, k -> new ArrayList<>()).add(service));
      for (JsonNode port : service.at("/spec/ports")) {
        JsonNode target = port.has("targetPort") ? port.path("targetPort") : port.path("port");
        String number = target.asText("");
        if (number.isEmpty() || !number.chars().allMatch(Character::isDigit)) {
          continue;
        }
        for (Workload workload : selected) {
          receiver(workload, number)
              .ifPresent(
                  container ->
                      reached
                          .computeIfAbsent(workload, w -> new HashSet<>())
                          .add(container.pointer()));
        }
      }
    }
    return new ServiceTraffic(reached, selectedBy);
  }

  /** The container a number reaches when none declares it: the first app container. */
  private static Optional<Container> receiver(Workload workload, String number) {
    for (Container container : workload.allContainers()) {
      for (JsonNode declared : container.path("ports")) {
        if (declared.path("containerPort").asText("").equals(number)) {
          return Optional.empty(); // declared: serving (or metrics) by its declaration
        }
      }
    }
    return workload.containers().stream().findFirst();
  }

  /** Whether a Service of the input (one with a selector) selects the workload's pods. */
  boolean selects(Workload workload) {
    return selected.containsKey(workload);
  }

  /** The Services (with a selector) that select the workload's pods, in input order. */
  List<KubeObject> selecting(Workload workload) {
    return selected.getOrDefault(workload, List.of());
  }

  boolean reaches(Workload workload, Container container) {
    return reached.getOrDefault(workload, Set.of()).contains(container.pointer());
  }
}
