package dev.minato.check.rules;

import dev.minato.check.RuleContext;
import dev.minato.check.RuleInfo;
import dev.minato.check.Severity;
import dev.minato.check.inventory.Workload;
import java.util.OptionalInt;

/**
 * A workload meant to run two or more pods is covered by a PodDisruptionBudget; without one a node
 * drain may evict every replica at once.
 */
final class PdbPresent extends WorkloadRule {

  static final RuleInfo INFO =
      RuleInfo.everywhere(
          "pdb-present",
          Severity.WARNING,
          "workloads with 2+ replicas (or HPA minReplicas 2+) are selected by a PDB");

  @Override
  public RuleInfo info() {
    return INFO;
  }

  @Override
  void check(Workload workload, RuleContext context) {
    if (!workload.scalable()) {
      return;
    }
    OptionalInt replicas = context.inventory().minimumReplicas(workload);
    if (replicas.isEmpty() || replicas.getAsInt() < 2) {
      return;
    }
    if (context.inventory().pdbsSelecting(workload).isEmpty()) {
      boolean scaled = !context.inventory().hpasTargeting(workload.object()).isEmpty();
      context.report(
          workload.object(),
          "",
          workload.object().key()
              + " runs at least "
              + replicas.getAsInt()
              + " pods ("
              + (scaled ? "HPA minReplicas" : "replicas")
              + ") but no PodDisruptionBudget selects them; a node drain may evict them all at"
              + " once");
    }
  }
}
