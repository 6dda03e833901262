package dev.minato.check.rules;

import dev.minato.check.RuleContext;
import dev.minato.check.RuleInfo;
import dev.minato.check.Severity;
import dev.minato.check.inventory.Workload;
import java.util.List;

/** Pods do not share the node's network, process or IPC namespaces. */
final class HostNamespaces extends WorkloadRule {

  static final RuleInfo INFO =
      RuleInfo.everywhere(
          "no-host-namespaces", Severity.ERROR, "pods do not use hostNetwork, hostPID or hostIPC");

  @Override
  public RuleInfo info() {
    return INFO;
  }

  @Override
  void check(Workload workload, RuleContext context) {
    for (String field : List.of("hostNetwork", "hostPID", "hostIPC")) {
      if (workload.podSpec().path(field).asBoolean(false)) {
        context.report(
            workload.object(),
            workload.podSpecPointer() + "/" + field,
            workload.object().key()
                + " sets "
                + field
                + ": true; its pods see and can disturb the node's "
                + switch (field) {
                  case "hostNetwork" -> "network, and claim node ports as they start";
                  case "hostPID" -> "processes";
                  default -> "shared memory";
                });
      }
    }
  }
}
