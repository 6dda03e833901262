package dev.minato.cluster.sandbox;

import java.util.List;

/**
 * The built-in resource types the emulator announces through discovery. A real API server serves
 * many more; these are the ones minato's commands read and write, so that backup and restore see
 * the same kinds they would see on a cluster.
 */
final class BuiltinResources {

  /** One resource type: where it lives in the API and whether it is namespaced. */
  record Type(String group, String version, String kind, String plural, boolean namespaced) {
    String groupVersion() {
      return group.isEmpty() ? version : group + "/" + version;
    }
  }

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
