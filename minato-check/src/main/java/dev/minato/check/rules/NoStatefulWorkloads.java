package dev.minato.check.rules;

import dev.minato.check.Rule;
import dev.minato.check.RuleContext;
import dev.minato.check.RuleInfo;
import dev.minato.check.Severity;
import dev.minato.manifest.KubeObject;

/**
 * Application namespaces hold no StatefulSets or PersistentVolumeClaims: data on a cluster's disks
 * does not move with the manifests, so an app that keeps state there ties itself to that cluster.
 * Platform namespaces (configurable) may.
 */
final class NoStatefulWorkloads implements Rule {

  static final RuleInfo INFO =
      RuleInfo.portable(
          "no-stateful-workloads",
          Severity.ERROR,
          "no StatefulSet or PersistentVolumeClaim in application namespaces");

  @Override
  public RuleInfo info() {
    return INFO;
  }

  @Override
  public boolean appliesTo(KubeObject object) {
    return (object.kind().equals("StatefulSet") && object.group().equals("apps"))
        || (object.kind().equals("PersistentVolumeClaim") && object.group().isEmpty());
  }

  @Override
  public void check(KubeObject object, RuleContext context) {
    if (context.config().platformNamespaces().contains(object.namespace())) {
      return;
    }
    context.report(
        object,
        "",
        object.key()
            + " keeps state on the cluster's disks, which do not move with the manifests; use a"
            + " managed database or object store, or place it in a platform namespace");
  }
}
