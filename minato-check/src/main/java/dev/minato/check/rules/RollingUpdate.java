package dev.minato.check.rules;

import com.fasterxml.jackson.databind.JsonNode;
import dev.minato.check.RuleContext;
import dev.minato.check.RuleInfo;
import dev.minato.check.Severity;
import dev.minato.check.inventory.Container;
import dev.minato.check.inventory.Workload;

/**
 * A serving Deployment rolls out with {@code RollingUpdate}. {@code Recreate} stops every old pod
 * before the first new one starts, so each deploy is an outage as long as the new pods take to
 * become ready, however many replicas run.
 *
 * <p>A Deployment that mounts a PersistentVolumeClaim is not reported: with a ReadWriteOnce volume
 * the new pod cannot start while the old one holds it, and {@code Recreate} is what makes such a
 * rollout finish at all.
 */
final class RollingUpdate extends WorkloadRule {

  static final RuleInfo INFO =
      RuleInfo.everywhere(
          "rolling-update",
          Severity.WARNING,
          "serving Deployments roll out with RollingUpdate, not Recreate");

  @Override
  public RuleInfo info() {
    return INFO;
  }

  @Override
  void check(Workload workload, RuleContext context) {
    if (!workload.object().kind().equals("Deployment")
        || !workload.object().at("/spec/strategy/type").asText("").equals("Recreate")) {
      return;
    }
    for (JsonNode volume : workload.podSpec().path("volumes")) {
      if (volume.has("persistentVolumeClaim")) {
        return;
      }
    }
    for (Container container : workload.containers()) {
      if (context.inventory().serves(workload, container)) {
        context.report(
            workload.object(),
            "/spec/strategy/type",
            workload.object().key()
                + " serves traffic (container '"
                + container.name()
                + "') but rolls out with Recreate, which stops every pod before starting new"
                + " ones: each deploy is an outage. Use RollingUpdate (maxUnavailable: 0)");
        return;
      }
    }
  }
}
