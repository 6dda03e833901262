package dev.minato.check.rules;

import com.fasterxml.jackson.databind.JsonNode;
import dev.minato.check.RuleContext;
import dev.minato.check.RuleInfo;
import dev.minato.check.Severity;
import dev.minato.check.inventory.Workload;
import dev.minato.manifest.KubeObject;
import java.util.List;

/**
 * A workload an HPA manages does not set {@code replicas}: every apply would reset the scale the
 * HPA chose, dropping capacity under load until the HPA catches up.
 */
final class HpaReplicasConflict extends WorkloadRule {

  static final RuleInfo INFO =
      RuleInfo.everywhere(
          "hpa-replicas-conflict",
          Severity.ERROR,
          "a workload managed by an HPA does not set replicas");

  @Override
  public RuleInfo info() {
    return INFO;
  }

  @Override
  void check(Workload workload, RuleContext context) {
    JsonNode replicas = workload.object().at("/spec/replicas");
    if (replicas.isMissingNode()) {
      return;
    }
    List<KubeObject> hpas = context.inventory().hpasTargeting(workload.object());
    if (hpas.isEmpty()) {
      return;
    }
    KubeObject hpa = hpas.get(0);
    context.report(
        workload.object(),
        "/spec/replicas",
        workload.object().key()
            + " sets replicas: "
            + replicas.asText()
            + " while "
            + hpa.key()
            + " manages it (minReplicas "
            + hpa.at("/spec/minReplicas").asInt(1)
            + ", maxReplicas "
            + hpa.at("/spec/maxReplicas").asText("?")
            + "); every apply resets the scale, so remove replicas");
  }
}
