package dev.minato.cluster.objects;

import dev.minato.manifest.ObjectKey;
import java.util.Comparator;
import java.util.Map;

/**
 * The order in which objects can be created so that what they refer to exists first: namespaces,
 * CRDs, service accounts and RBAC, config and secrets, storage, services, workloads, then the rest
 * (ingresses, autoscalers, custom resources...). Deletion runs it backwards.
 */
public final class DependencyOrder {

  private static final Map<String, Integer> RANK =
      Map.ofEntries(
          Map.entry("Namespace", 0),
          Map.entry("CustomResourceDefinition", 1),
          Map.entry("PriorityClass", 2),
          Map.entry("ServiceAccount", 2),
          Map.entry("ClusterRole", 2),
          Map.entry("Role", 2),
          Map.entry("ClusterRoleBinding", 3),
          Map.entry("RoleBinding", 3),
          Map.entry("ConfigMap", 4),
          Map.entry("Secret", 4),
          Map.entry("LimitRange", 4),
          Map.entry("ResourceQuota", 4),
          Map.entry("StorageClass", 5),
          Map.entry("PersistentVolume", 5),
          Map.entry("PersistentVolumeClaim", 6),
          Map.entry("Service", 7),
          Map.entry("DaemonSet", 8),
          Map.entry("Deployment", 8),
          Map.entry("StatefulSet", 8),
          Map.entry("ReplicaSet", 8),
          Map.entry("Job", 8),
          Map.entry("CronJob", 8),
          Map.entry("Pod", 8));

  private static final int REST = 9;

  /** Creation order: by rank, then by key, so the order is also deterministic. */
  public static final Comparator<ObjectKey> CREATION =
      Comparator.comparingInt(DependencyOrder::rank).thenComparing(Comparator.naturalOrder());

  private DependencyOrder() {}

  /** 0 for namespaces up to 9 for everything without a known dependency. */
  public static int rank(ObjectKey key) {
    return RANK.getOrDefault(key.kind(), REST);
  }
}
