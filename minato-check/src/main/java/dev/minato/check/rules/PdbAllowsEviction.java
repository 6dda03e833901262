package dev.minato.check.rules;

import com.fasterxml.jackson.databind.JsonNode;
import dev.minato.check.Rule;
import dev.minato.check.RuleContext;
import dev.minato.check.RuleInfo;
import dev.minato.check.Severity;
import dev.minato.check.inventory.Inventory;
import dev.minato.check.inventory.Workload;
import dev.minato.manifest.InvalidValueException;
import dev.minato.manifest.KubeObject;
import dev.minato.manifest.selector.LabelSelector;
import java.util.List;
import java.util.OptionalInt;

/**
 * A PodDisruptionBudget can allow at least one eviction at the workloads' smallest size. One that
 * never can blocks every node drain, so cluster upgrades hang until someone deletes it.
 *
 * <p>Percentages round up, as the disruption controller does: {@code minAvailable: 67%} of 3 pods
 * is 3, which blocks; {@code 66%} is 2, which allows one eviction.
 */
final class PdbAllowsEviction implements Rule {

  static final RuleInfo INFO =
      RuleInfo.everywhere(
          "pdb-allows-eviction",
          Severity.ERROR,
          "no PodDisruptionBudget that never allows an eviction or sets both budgets");

  @Override
  public RuleInfo info() {
    return INFO;
  }

  @Override
  public boolean appliesTo(KubeObject object) {
    return object.kind().equals("PodDisruptionBudget");
  }

  @Override
  public void check(KubeObject pdb, RuleContext context) {
    JsonNode maxUnavailable = pdb.at("/spec/maxUnavailable");
    if (!maxUnavailable.isMissingNode() && !pdb.at("/spec/minAvailable").isMissingNode()) {
      context.report(
          pdb,
          "/spec/maxUnavailable",
          pdb.key()
              + " sets both minAvailable and maxUnavailable; the API server rejects it, so nothing"
              + " is protected. Keep one (prefer maxUnavailable: 1)");
      return;
    }
    if (!maxUnavailable.isMissingNode()) {
      if (isZero(maxUnavailable)) {
        context.report(
            pdb,
            "/spec/maxUnavailable",
            pdb.key()
                + " sets maxUnavailable "
                + maxUnavailable.asText()
                + ", so no pod may ever be evicted and node drains hang; use 1 or more");
      }
      return;
    }
    JsonNode minAvailable = pdb.at("/spec/minAvailable");
    if (minAvailable.isMissingNode()) {
      return;
    }
    String text = minAvailable.asText("");
    if (text.equals("100%")) {
      context.report(
          pdb,
          "/spec/minAvailable",
          pdb.key()
              + " sets minAvailable 100%, so no pod may ever be evicted; use maxUnavailable 1");
      return;
    }
    Pods pods = pods(pdb, context.inventory());
    if (pods.count().isEmpty() || pods.count().getAsInt() == 0) {
      return;
    }
    int replicas = pods.count().getAsInt();
    int required;
    try {
      required = required(minAvailable, replicas);
    } catch (NumberFormatException e) {
      return; // not a number or percentage: the API server rejects it before any drain
    }
    if (required >= replicas) {
      context.report(
          pdb,
          "/spec/minAvailable",
          pdb.key()
              + " requires "
              + required
              + " available pods (minAvailable "
              + text
              + ") of the "
              + replicas
              + (replicas == 1 ? " pod that " : " pods that ")
              + pods.names()
              + " run at their smallest"
              + (pods.scalesToZero() ? " while active (KEDA scales it to zero when idle)" : "")
              + ", so no eviction is ever allowed; use maxUnavailable 1 or"
              + " minAvailable "
              + (replicas - 1)
              + " at most");
    }
  }

  private record Pods(OptionalInt count, String names, boolean scalesToZero) {}

  /** The selected workloads' smallest total pod count; empty when some count is unknown. */
  private static Pods pods(KubeObject pdb, Inventory inventory) {
    List<Workload> selected;
    try {
      selected =
          inventory.workloadsSelectedBy(
              Inventory.scopeOf(pdb), LabelSelector.of(pdb.at("/spec/selector")));
    } catch (InvalidValueException e) {
      return new Pods(
          OptionalInt.empty(), "", false); // selector-match reports the invalid selector
    }
    int total = 0;
    boolean scalesToZero = false;
    for (Workload workload : selected) {
      OptionalInt replicas = inventory.minimumReplicas(workload);
      if (replicas.isEmpty()) {
        return new Pods(OptionalInt.empty(), "", false);
      }
      if (replicas.getAsInt() == 0
          && !inventory.scaledObjectsTargeting(workload.object()).isEmpty()) {
        // KEDA's minReplicaCount 0: idle, nothing runs and nothing is evicted; active, it runs
        // at least one pod, and that is the size at which a drain meets this PDB.
        total += 1;
        scalesToZero = true;
      } else {
        total += replicas.getAsInt();
      }
    }
    String names =
        String.join(", ", selected.stream().map(w -> w.object().key().toString()).toList());
    return new Pods(
        selected.isEmpty() ? OptionalInt.empty() : OptionalInt.of(total), names, scalesToZero);
  }

  /** Pods that must stay available: an integer, or a percentage of {@code replicas} rounded up. */
  static int required(JsonNode minAvailable, int replicas) {
    String text = minAvailable.asText("").strip();
    if (text.endsWith("%")) {
      int percent = Integer.parseInt(text.substring(0, text.length() - 1).strip());
      return (percent * replicas + 99) / 100;
    }
    return minAvailable.isInt() ? minAvailable.intValue() : Integer.parseInt(text);
  }

  private static boolean isZero(JsonNode value) {
    String text = value.asText("").strip();
    return text.equals("0") || text.equals("0%");
  }
}
