package dev.minato.check.rules;

import com.fasterxml.jackson.databind.JsonNode;
import dev.minato.check.RuleContext;
import dev.minato.check.RuleInfo;
import dev.minato.check.Severity;
import dev.minato.check.inventory.Inventory;
import dev.minato.check.inventory.Workload;
import dev.minato.manifest.InvalidValueException;
import dev.minato.manifest.selector.LabelSelector;
import java.util.OptionalInt;

/**
 * A workload that can run two or more pods asks the scheduler to spread them: a {@code
 * topologySpreadConstraints} entry or a {@code podAntiAffinity} term (required or preferred) whose
 * label selector picks the workload's own pods. Without one, nothing but the scheduler's defaults
 * keeps every replica off the same node, and losing that node loses them all.
 *
 * <p>"Two or more" is the largest count the workload may run ({@link Inventory#maximumReplicas}):
 * an HPA that scales from one to ten creates its pods in a burst at peak load, onto whatever node
 * has room, which is exactly when losing them together hurts most.
 */
final class ReplicasSpread extends WorkloadRule {

  static final RuleInfo INFO =
      RuleInfo.everywhere(
          "replicas-spread",
          Severity.WARNING,
          "workloads that can run 2+ pods spread them (topology spread or pod anti-affinity)");

  @Override
  public RuleInfo info() {
    return INFO;
  }

  @Override
  void check(Workload workload, RuleContext context) {
    if (!workload.longRunning() || !workload.scalable()) {
      return;
    }
    OptionalInt maximum = context.inventory().maximumReplicas(workload);
    if (maximum.isEmpty() || maximum.getAsInt() < 2 || spreads(workload)) {
      return;
    }
    boolean hpa = !context.inventory().hpasTargeting(workload.object()).isEmpty();
    boolean keda = !hpa && !context.inventory().scaledObjectsTargeting(workload.object()).isEmpty();
    context.report(
        workload.object(),
        workload.podSpecPointer(),
        workload.object().key()
            + " may run "
            + maximum.getAsInt()
            + " pods ("
            + (hpa ? "HPA maxReplicas" : keda ? "KEDA maxReplicaCount" : "replicas")
            + ") but no topologySpreadConstraints or podAntiAffinity term selects them, so they"
            + " may all land on one node and fail with it; add a topology spread over"
            + " kubernetes.io/hostname (whenUnsatisfiable: ScheduleAnyway)");
  }

  /** Whether a spread constraint or anti-affinity term of the pod spec selects its own pods. */
  static boolean spreads(Workload workload) {
    JsonNode pod = workload.podSpec();
    for (JsonNode constraint : pod.path("topologySpreadConstraints")) {
      if (selectsOwnPods(constraint.path("labelSelector"), workload)) {
        return true;
      }
    }
    JsonNode antiAffinity = pod.path("affinity").path("podAntiAffinity");
    for (JsonNode term : antiAffinity.path("requiredDuringSchedulingIgnoredDuringExecution")) {
      if (selectsOwnPods(term.path("labelSelector"), workload)) {
        return true;
      }
    }
    for (JsonNode weighted : antiAffinity.path("preferredDuringSchedulingIgnoredDuringExecution")) {
      if (selectsOwnPods(weighted.path("podAffinityTerm").path("labelSelector"), workload)) {
        return true;
      }
    }
    return false;
  }

  /** A missing selector selects no pods (unlike an empty one), so it spreads nothing. */
  private static boolean selectsOwnPods(JsonNode selector, Workload workload) {
    if (!selector.isObject()) {
      return false;
    }
    try {
      return LabelSelector.of(selector).matches(workload.podLabels());
    } catch (InvalidValueException e) {
      return false; // the API server refuses the object; nothing is spread
    }
  }
}
