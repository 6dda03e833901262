package dev.minato.cluster.sandbox;

import java.util.List;
import java.util.Map;

/**
 * The built-in resource types the emulator announces through discovery. A real API server serves
 * many more; these are the ones minato's commands read and write, so that backup and restore see
 * the same kinds they would see on a cluster.
 */
final class BuiltinResources {

  /** One resource type: where it lives in the API and whether it is namespaced. */
  record Type(
      String group,
      String version,
      String kind,
      String plural,
      boolean namespaced,
      List<String> shortNames) {

    Type(String group, String version, String kind, String plural, boolean namespaced) {
      this(group, version, kind, plural, namespaced, SHORT_NAMES.getOrDefault(plural, List.of()));
    }

    String groupVersion() {
      return group.isEmpty() ? version : group + "/" + version;
    }
  }

  /** The short names kubectl knows them by ({@code kubectl get cm}). */
  private static final Map<String, List<String>> SHORT_NAMES =
      Map.ofEntries(
          Map.entry("namespaces", List.of("ns")),
          Map.entry("configmaps", List.of("cm")),
          Map.entry("services", List.of("svc")),
          Map.entry("serviceaccounts", List.of("sa")),
          Map.entry("persistentvolumeclaims", List.of("pvc")),
          Map.entry("persistentvolumes", List.of("pv")),
          Map.entry("pods", List.of("po")),
          Map.entry("endpoints", List.of("ep")),
          Map.entry("events", List.of("ev")),
          Map.entry("limitranges", List.of("limits")),
          Map.entry("resourcequotas", List.of("quota")),
          Map.entry("deployments", List.of("deploy")),
          Map.entry("statefulsets", List.of("sts")),
          Map.entry("daemonsets", List.of("ds")),
          Map.entry("replicasets", List.of("rs")),
          Map.entry("cronjobs", List.of("cj")),
          Map.entry("ingresses", List.of("ing")),
          Map.entry("networkpolicies", List.of("netpol")),
          Map.entry("poddisruptionbudgets", List.of("pdb")),
          Map.entry("horizontalpodautoscalers", List.of("hpa")),
          Map.entry("storageclasses", List.of("sc")),
          Map.entry("customresourcedefinitions", List.of("crd", "crds")));

  static final List<Type> ALL =
      List.of(
          new Type("", "v1", "Namespace", "namespaces", false),
          new Type("", "v1", "ConfigMap", "configmaps", true),
          new Type("", "v1", "Secret", "secrets", true),
          new Type("", "v1", "Service", "services", true),
          new Type("", "v1", "ServiceAccount", "serviceaccounts", true),
          new Type("", "v1", "PersistentVolumeClaim", "persistentvolumeclaims", true),
          new Type("", "v1", "PersistentVolume", "persistentvolumes", false),
          new Type("", "v1", "Pod", "pods", true),
          new Type("", "v1", "Endpoints", "endpoints", true),
          new Type("", "v1", "Event", "events", true),
          new Type("", "v1", "LimitRange", "limitranges", true),
          new Type("", "v1", "ResourceQuota", "resourcequotas", true),
          new Type("apps", "v1", "Deployment", "deployments", true),
          new Type("apps", "v1", "StatefulSet", "statefulsets", true),
          new Type("apps", "v1", "DaemonSet", "daemonsets", true),
          new Type("apps", "v1", "ReplicaSet", "replicasets", true),
          new Type("batch", "v1", "Job", "jobs", true),
          new Type("batch", "v1", "CronJob", "cronjobs", true),
          new Type("networking.k8s.io", "v1", "Ingress", "ingresses", true),
          new Type("networking.k8s.io", "v1", "NetworkPolicy", "networkpolicies", true),
          new Type("policy", "v1", "PodDisruptionBudget", "poddisruptionbudgets", true),
          new Type(
              "autoscaling", "v2", "HorizontalPodAutoscaler", "horizontalpodautoscalers", true),
          new Type("rbac.authorization.k8s.io", "v1", "Role", "roles", true),
          new Type("rbac.authorization.k8s.io", "v1", "RoleBinding", "rolebindings", true),
          new Type("rbac.authorization.k8s.io", "v1", "ClusterRole", "clusterroles", false),
          new Type(
              "rbac.authorization.k8s.io",
              "v1",
              "ClusterRoleBinding",
              "clusterrolebindings",
              false),
          new Type("storage.k8s.io", "v1", "StorageClass", "storageclasses", false),
          new Type(
              "apiextensions.k8s.io",
              "v1",
              "CustomResourceDefinition",
              "customresourcedefinitions",
              false),
          new Type("discovery.k8s.io", "v1", "EndpointSlice", "endpointslices", true));

  private BuiltinResources() {}
}
