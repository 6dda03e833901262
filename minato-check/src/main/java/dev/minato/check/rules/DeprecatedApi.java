package dev.minato.check.rules;

import dev.minato.check.Rule;
import dev.minato.check.RuleContext;
import dev.minato.check.RuleInfo;
import dev.minato.check.Severity;
import dev.minato.manifest.KubeObject;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * apiVersions that current Kubernetes no longer serves, with the version to use instead. Taken from
 * the Kubernetes deprecated API migration guide; a manifest that uses one fails to apply on any
 * cluster at or past the removal release.
 */
final class DeprecatedApi implements Rule {

  static final RuleInfo INFO =
      RuleInfo.everywhere(
          "deprecated-api",
          Severity.ERROR,
          "no apiVersion removed from current Kubernetes; names the replacement");

  /** A removed API: the release that removed it and what replaces it (empty: nothing does). */
  record Removal(String removedIn, String replacement) {}

  private static final Map<String, Removal> REMOVED = new HashMap<>();

  static {
    for (String kind : new String[] {"Deployment", "DaemonSet", "ReplicaSet"}) {
      removed("extensions/v1beta1", kind, "1.16", "apps/v1");
    }
    removed("extensions/v1beta1", "NetworkPolicy", "1.16", "networking.k8s.io/v1");
    removed("extensions/v1beta1", "PodSecurityPolicy", "1.16", "");
    removed("extensions/v1beta1", "Ingress", "1.22", "networking.k8s.io/v1");
    for (String version : new String[] {"apps/v1beta1", "apps/v1beta2"}) {
      removed(version, "*", "1.16", "apps/v1");
    }
    removed("networking.k8s.io/v1beta1", "Ingress", "1.22", "networking.k8s.io/v1");
    removed("networking.k8s.io/v1beta1", "IngressClass", "1.22", "networking.k8s.io/v1");
    removed("rbac.authorization.k8s.io/v1beta1", "*", "1.22", "rbac.authorization.k8s.io/v1");
    removed("rbac.authorization.k8s.io/v1alpha1", "*", "1.22", "rbac.authorization.k8s.io/v1");
    removed("apiextensions.k8s.io/v1beta1", "*", "1.22", "apiextensions.k8s.io/v1");
    removed("apiregistration.k8s.io/v1beta1", "*", "1.22", "apiregistration.k8s.io/v1");
    removed("admissionregistration.k8s.io/v1beta1", "*", "1.22", "admissionregistration.k8s.io/v1");
    removed("scheduling.k8s.io/v1beta1", "*", "1.22", "scheduling.k8s.io/v1");
    removed("scheduling.k8s.io/v1alpha1", "*", "1.17", "scheduling.k8s.io/v1");
    removed("coordination.k8s.io/v1beta1", "*", "1.22", "coordination.k8s.io/v1");
    removed("certificates.k8s.io/v1beta1", "*", "1.22", "certificates.k8s.io/v1");
    removed("storage.k8s.io/v1beta1", "CSIDriver", "1.22", "storage.k8s.io/v1");
    removed("storage.k8s.io/v1beta1", "CSINode", "1.22", "storage.k8s.io/v1");
    removed("storage.k8s.io/v1beta1", "StorageClass", "1.22", "storage.k8s.io/v1");
    removed("storage.k8s.io/v1beta1", "VolumeAttachment", "1.22", "storage.k8s.io/v1");
    removed("storage.k8s.io/v1beta1", "CSIStorageCapacity", "1.27", "storage.k8s.io/v1");
    removed("batch/v1beta1", "CronJob", "1.25", "batch/v1");
    removed("batch/v2alpha1", "CronJob", "1.21", "batch/v1");
    removed("policy/v1beta1", "PodDisruptionBudget", "1.25", "policy/v1");
    removed("policy/v1beta1", "PodSecurityPolicy", "1.25", "");
    removed("autoscaling/v2beta1", "HorizontalPodAutoscaler", "1.25", "autoscaling/v2");
    removed("autoscaling/v2beta2", "HorizontalPodAutoscaler", "1.26", "autoscaling/v2");
    removed("discovery.k8s.io/v1beta1", "EndpointSlice", "1.25", "discovery.k8s.io/v1");
    removed("events.k8s.io/v1beta1", "Event", "1.25", "events.k8s.io/v1");
    removed("node.k8s.io/v1beta1", "RuntimeClass", "1.25", "node.k8s.io/v1");
    removed("flowcontrol.apiserver.k8s.io/v1beta1", "*", "1.26", "flowcontrol.apiserver.k8s.io/v1");
    removed("flowcontrol.apiserver.k8s.io/v1beta2", "*", "1.29", "flowcontrol.apiserver.k8s.io/v1");
    removed("flowcontrol.apiserver.k8s.io/v1beta3", "*", "1.32", "flowcontrol.apiserver.k8s.io/v1");
  }

  private static void removed(String apiVersion, String kind, String release, String replacement) {
    REMOVED.put(apiVersion + " " + kind, new Removal(release, replacement));
  }

  static Optional<Removal> removal(String apiVersion, String kind) {
    Removal exact = REMOVED.get(apiVersion + " " + kind);
    return Optional.ofNullable(exact != null ? exact : REMOVED.get(apiVersion + " *"));
  }

  @Override
  public RuleInfo info() {
    return INFO;
  }

  @Override
  public boolean appliesTo(KubeObject object) {
    return true;
  }

  @Override
  public void check(KubeObject object, RuleContext context) {
    removal(object.apiVersion(), object.kind())
        .ifPresent(
            removal ->
                context.report(
                    object,
                    "/apiVersion",
                    object.key()
                        + " uses "
                        + object.apiVersion()
                        + ", removed in Kubernetes "
                        + removal.removedIn()
                        + (removal.replacement().isEmpty()
                            ? "; there is no replacement API (PodSecurityPolicy gave way to Pod"
                                + " Security Admission)"
                            : "; use " + removal.replacement())));
  }
}
