package dev.minato.check.rules;

import com.fasterxml.jackson.databind.JsonNode;
import dev.minato.check.Rule;
import dev.minato.check.RuleContext;
import dev.minato.check.RuleInfo;
import dev.minato.check.Severity;
import dev.minato.check.inventory.Workload;
import dev.minato.manifest.JsonPointers;
import dev.minato.manifest.KubeObject;
import java.util.Optional;

/**
 * Application namespaces hold no StatefulSets or PersistentVolumeClaims, and no workload mounts a
 * claim: data on a cluster's disks does not move with the manifests, so an app that keeps state
 * there ties itself to that cluster. Platform namespaces (configurable) may.
 */
final class NoStatefulWorkloads implements Rule {

  static final RuleInfo INFO =
      RuleInfo.portable(
          "no-stateful-workloads",
          Severity.ERROR,
          "no StatefulSet, PersistentVolumeClaim or workload mounting a claim in application"
              + " namespaces");

  @Override
  public RuleInfo info() {
    return INFO;
  }

  @Override
  public boolean appliesTo(KubeObject object) {
    return statefulKind(object) || Workload.runsPods(object);
  }

  private static boolean statefulKind(KubeObject object) {
    return (object.kind().equals("StatefulSet") && object.group().equals("apps"))
        || (object.kind().equals("PersistentVolumeClaim") && object.group().isEmpty());
  }

  @Override
  public void check(KubeObject object, RuleContext context) {
    if (context.config().platformNamespaces().contains(object.namespace())) {
      return;
    }
    if (statefulKind(object)) {
      context.report(
          object,
          "",
          object.key()
              + " keeps state on the cluster's disks, which do not move with the manifests; use a"
              + " managed database or object store, or place it in a platform namespace");
      return;
    }
    Optional<Workload> workload = Workload.of(object);
    if (workload.isEmpty()) {
      return;
    }
    JsonNode volumes = workload.get().podSpec().path("volumes");
    String pointer = workload.get().podSpecPointer() + "/volumes";
    for (int i = 0; i < volumes.size(); i++) {
      JsonNode claim = volumes.get(i).path("persistentVolumeClaim");
      if (claim.isObject()) {
        context.report(
            object,
            JsonPointers.child(pointer, i),
            object.key()
                + " mounts the PersistentVolumeClaim '"
                + claim.path("claimName").asText()
                + "', whose data stays on this cluster's disks when the manifests move; use a"
                + " managed store, or place it in a platform namespace");
      }
    }
  }
}
