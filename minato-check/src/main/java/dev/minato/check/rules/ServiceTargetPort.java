package dev.minato.check.rules;

import com.fasterxml.jackson.databind.JsonNode;
import dev.minato.check.Rule;
import dev.minato.check.RuleContext;
import dev.minato.check.RuleInfo;
import dev.minato.check.Severity;
import dev.minato.check.inventory.Inventory;
import dev.minato.check.inventory.Workload;
import dev.minato.manifest.JsonPointers;
import dev.minato.manifest.KubeObject;
import dev.minato.manifest.Suggestions;
import dev.minato.manifest.selector.LabelSelector;
import java.util.ArrayList;
import java.util.List;

/**
 * A Service's named {@code targetPort} is a port name that the selected pods declare, with the same
 * protocol. The endpoints controller resolves the name in each pod; a pod that declares no such
 * port gets no endpoint for it, so a renamed port silently takes the Service out of rotation.
 *
 * <p>A numeric {@code targetPort} is not checked: traffic reaches that port whatever the containers
 * declare (declaring ports is informational), and many images listen on ports they never list.
 * Containers count when they run alongside the app: app containers and native sidecars (init
 * containers with {@code restartPolicy: Always}).
 */
final class ServiceTargetPort implements Rule {

  static final RuleInfo INFO =
      RuleInfo.everywhere(
          "service-target-port",
          Severity.ERROR,
          "a Service's named targetPort is declared by the containers it selects");

  @Override
  public RuleInfo info() {
    return INFO;
  }

  @Override
  public boolean appliesTo(KubeObject object) {
    return object.kind().equals("Service") && object.group().isEmpty();
  }

  @Override
  public void check(KubeObject service, RuleContext context) {
    JsonNode selector = service.at("/spec/selector");
    if (!selector.isObject() || selector.isEmpty()) {
      return; // endpoints managed by hand: which pods they are is not in the input
    }
    List<Workload> selected =
        context
            .inventory()
            .workloadsSelectedBy(Inventory.scopeOf(service), LabelSelector.ofMap(selector));
    JsonNode ports = service.at("/spec/ports");
    for (int i = 0; i < ports.size(); i++) {
      JsonNode target = ports.get(i).path("targetPort");
      String name = target.asText("");
      if (!target.isTextual() || name.isEmpty() || name.chars().allMatch(Character::isDigit)) {
        continue;
      }
      String protocol = ports.get(i).path("protocol").asText("TCP");
      for (Workload workload : selected) {
        if (workload.containers().isEmpty()) {
          continue; // the API server refuses such a workload; other rules say so
        }
        List<String> declared = new ArrayList<>();
        if (!declares(workload, name, protocol, declared)) {
          context.report(
              service,
              JsonPointers.child("/spec/ports", i) + "/targetPort",
              service.key()
                  + " sends port "
                  + ports.get(i).path("port").asText("?")
                  + " to targetPort '"
                  + name
                  + "' ("
                  + protocol
                  + "), which no container of "
                  + workload.object().key()
                  + " declares (declared: "
                  + (declared.isEmpty() ? "none" : String.join(", ", declared))
                  + ")"
                  + Suggestions.didYouMean(
                      name,
                      declared.stream()
                          .map(d -> d.replaceFirst("=.*", ""))
                          .filter(d -> !d.equals(name))
                          .toList())
                  + "; its pods get no endpoint for this port");
        }
      }
    }
  }

  /** Whether a container that runs with the app declares the port; collects what is declared. */
  private static boolean declares(
      Workload workload, String name, String protocol, List<String> declared) {
    for (String list : List.of("containers", "initContainers")) {
      for (JsonNode container : workload.podSpec().path(list)) {
        boolean sidecar = container.path("restartPolicy").asText("").equals("Always");
        if (list.equals("initContainers") && !sidecar) {
          continue; // an init container has finished before the pod is ready
        }
        for (JsonNode port : container.path("ports")) {
          String portName = port.path("name").asText("");
          String portProtocol = port.path("protocol").asText("TCP");
          if (portName.equals(name) && portProtocol.equals(protocol)) {
            return true;
          }
          if (!portName.isEmpty()) {
            declared.add(
                portName
                    + "="
                    + port.path("containerPort").asText("?")
                    + (portProtocol.equals("TCP") ? "" : "/" + portProtocol));
          }
        }
      }
    }
    return false;
  }
}
