package dev.minato.check.rules;

import dev.minato.check.Rule;
import dev.minato.check.RuleContext;
import dev.minato.check.inventory.Container;
import dev.minato.check.inventory.Workload;
import dev.minato.manifest.KubeObject;

/** A rule about objects that run pods; finds the workload view once for its subclasses. */
abstract class WorkloadRule implements Rule {

  @Override
  public boolean appliesTo(KubeObject object) {
    return Workload.runsPods(object);
  }

  @Override
  public final void check(KubeObject object, RuleContext context) {
    context.inventory().workload(object).ifPresent(workload -> check(workload, context));
  }

  abstract void check(Workload workload, RuleContext context);

  /** {@code Deployment/web container 'app'}, the subject of most messages. */
  static String subject(Workload workload, Container container) {
    return workload.object().key()
        + (container.sidecar()
            ? " sidecar '"
            : container.init() ? " init container '" : " container '")
        + container.name()
        + "'";
  }
}
