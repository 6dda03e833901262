package dev.minato.check.rules;

import dev.minato.check.RuleContext;
import dev.minato.check.RuleInfo;
import dev.minato.check.Severity;
import dev.minato.check.inventory.Inventory;
import dev.minato.check.inventory.Workload;
import dev.minato.manifest.MinatoLabels;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * A workload that a Service sends traffic to runs at least two pods in production. With one, every
 * node drain, eviction, crash or OOM kill is an outage until a new pod is ready, and a PDB cannot
 * help: it would have to block the drain.
 *
 * <p>Production is recognised by an environment label on the object or its pod template ({@link
 * #LABELS}) whose value is one of {@code productionEnvironments} in {@code .minato/check.yaml}
 * (default {@code prd}, {@code prod}, {@code production}; compared without case). The smallest pod
 * count is the one {@code pdb-present} uses ({@link Inventory#minimumReplicas}): the HPA's {@code
 * minReplicas}, a KEDA ScaledObject's {@code minReplicaCount}, else {@code replicas}.
 */
final class ProductionReplicas extends WorkloadRule {

  static final RuleInfo INFO =
      RuleInfo.everywhere(
          "production-replicas",
          Severity.WARNING,
          "workloads behind a Service run at least 2 pods in production");

  /** Environment labels, in the order they are read: minato's own first, then common ones. */
  static final List<String> LABELS = List.of(MinatoLabels.ENVIRONMENT, "environment", "env");

  @Override
  public RuleInfo info() {
    return INFO;
  }

  @Override
  void check(Workload workload, RuleContext context) {
    Inventory inventory = context.inventory();
    if (!workload.longRunning() || !workload.scalable() || !inventory.selectedByService(workload)) {
      return;
    }
    Optional<String> environment = production(workload, context.config().productionEnvironments());
    if (environment.isEmpty()) {
      return;
    }
    OptionalInt minimum = inventory.minimumReplicas(workload);
    boolean hpa = !inventory.hpasTargeting(workload.object()).isEmpty();
    boolean keda = !hpa && !inventory.scaledObjectsTargeting(workload.object()).isEmpty();
    if (minimum.isEmpty() || minimum.getAsInt() >= 2 || (minimum.getAsInt() == 0 && !keda)) {
      return; // replicas: 0 without an autoscaler is a workload switched off on purpose
    }
    String source =
        hpa
            ? "HPA minReplicas " + minimum.getAsInt()
            : keda
                ? "KEDA minReplicaCount " + minimum.getAsInt()
                : "replicas " + minimum.getAsInt();
    boolean declared = !hpa && !keda && workload.object().at("/spec/replicas").isInt();
    context.report(
        workload.object(),
        declared ? "/spec/replicas" : "",
        workload.object().key()
            + " serves behind a Service in "
            + environment.get()
            + " but runs "
            + (minimum.getAsInt() == 0 ? "no pod when idle and one when active" : "a single pod")
            + " ("
            + source
            + (declared || hpa || keda ? "" : ", the default")
            + "); every node drain, eviction or crash is an outage. Run 2 or more");
  }

  /** The production environment the workload is labelled with, if any. */
  static Optional<String> production(Workload workload, Set<String> production) {
    Map<String, String> objectLabels =
        Workload.labels(workload.object().tree().path("metadata").path("labels"));
    for (Map<String, String> labels : List.of(objectLabels, workload.podLabels())) {
      for (String key : LABELS) {
        String value = labels.getOrDefault(key, "");
        if (production.stream().anyMatch(p -> p.equalsIgnoreCase(value))) {
          return Optional.of(key + "=" + value);
        }
      }
    }
    return Optional.empty();
  }
}
