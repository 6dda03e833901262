package dev.minato.check.rules;

import com.fasterxml.jackson.databind.JsonNode;
import dev.minato.check.RuleContext;
import dev.minato.check.RuleInfo;
import dev.minato.check.Severity;
import dev.minato.check.inventory.Workload;
import dev.minato.manifest.JsonPointers;
import java.util.List;

/**
 * No container binds a port of its node ({@code hostPort}). Two pods with the same host port cannot
 * share a node, so replicas and rollouts stay Pending when nodes run out; the port is open on the
 * node's address, past Services and often past NetworkPolicies; and the Pod Security Standards'
 * baseline level refuses it. Init and ephemeral containers are checked too.
 */
final class NoHostPort extends WorkloadRule {

  static final RuleInfo INFO =
      RuleInfo.everywhere("no-host-port", Severity.ERROR, "no container sets a hostPort");

  private static final List<String> LISTS =
      List.of("initContainers", "containers", "ephemeralContainers");

  @Override
  public RuleInfo info() {
    return INFO;
  }

  @Override
  void check(Workload workload, RuleContext context) {
    for (String list : LISTS) {
      JsonNode containers = workload.podSpec().path(list);
      for (int i = 0; i < containers.size(); i++) {
        JsonNode ports = containers.get(i).path("ports");
        for (int j = 0; j < ports.size(); j++) {
          JsonNode hostPort = ports.get(j).path("hostPort");
          if (hostPort.isMissingNode() || hostPort.isNull() || hostPort.asText("").equals("0")) {
            continue; // 0 is the API's "no host port"
          }
          String pointer =
              JsonPointers.child(
                      JsonPointers.child(workload.podSpecPointer() + "/" + list, i) + "/ports", j)
                  + "/hostPort";
          context.report(
              workload.object(),
              pointer,
              workload.object().key()
                  + " "
                  + switch (list) {
                    case "initContainers" -> "init container";
                    case "ephemeralContainers" -> "ephemeral container";
                    default -> "container";
                  }
                  + " '"
                  + containers.get(i).path("name").asText("")
                  + "' binds hostPort "
                  + hostPort.asText()
                  + " on its node: two such pods cannot share a node, the port bypasses Services"
                  + " and the baseline Pod Security Standard refuses it. Expose it through a"
                  + " Service instead");
        }
      }
    }
  }
}
