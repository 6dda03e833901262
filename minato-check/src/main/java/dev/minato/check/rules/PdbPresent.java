package dev.minato.check.rules;

import dev.minato.check.RuleContext;
import dev.minato.check.RuleInfo;
import dev.minato.check.Severity;
import dev.minato.check.inventory.Workload;
import dev.minato.manifest.KubeObject;
import java.util.List;
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
          "workloads with 2+ replicas (or HPA/KEDA minimum 2+) have a PDB with one budget");

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
    List<KubeObject> selecting = context.inventory().pdbsSelecting(workload);
    if (selecting.stream().anyMatch(PdbPresent::protects)) {
      return;
    }
    boolean hpa = !context.inventory().hpasTargeting(workload.object()).isEmpty();
    boolean keda = !hpa && !context.inventory().scaledObjectsTargeting(workload.object()).isEmpty();
    String why =
        selecting.isEmpty()
            ? "no PodDisruptionBudget selects them"
            : String.join(", ", selecting.stream().map(pdb -> pdb.key().toString()).toList())
                + " selects them but sets "
                + (selecting.get(0).at("/spec/minAvailable").isMissingNode()
                        && selecting.get(0).at("/spec/maxUnavailable").isMissingNode()
                    ? "neither minAvailable nor maxUnavailable, so it protects nothing"
                    : "both minAvailable and maxUnavailable, which the API server rejects");
    context.report(
        workload.object(),
        "",
        workload.object().key()
            + " runs at least "
            + replicas.getAsInt()
            + " pods ("
            + (hpa ? "HPA minReplicas" : keda ? "KEDA minReplicaCount" : "replicas")
            + ") but "
            + why
            + "; a node drain may evict them all at once");
  }

  /**
   * A PDB protects pods when it sets exactly one of {@code minAvailable} and {@code
   * maxUnavailable}: with neither it allows every eviction, with both the API server rejects it.
   */
  static boolean protects(KubeObject pdb) {
    return pdb.at("/spec/minAvailable").isMissingNode()
        != pdb.at("/spec/maxUnavailable").isMissingNode();
  }
}
