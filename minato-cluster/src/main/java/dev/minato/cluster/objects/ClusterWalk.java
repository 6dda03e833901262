package dev.minato.cluster.objects;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.minato.cluster.connect.ResourceCatalog;
import dev.minato.cluster.connect.ResourceType;
import dev.minato.manifest.ObjectKey;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Walks every object of a cluster that belongs to its owner's intent: all types discovery lists
 * (custom resources included), page by page, leaving out what the cluster generates by itself
 * (Events, Endpoints, EndpointSlices, ControllerRevisions, Leases, Nodes, metrics, the per
 * namespace {@code kube-root-ca.crt} ConfigMap and service-account token Secrets), what other
 * objects own (anything with ownerReferences: ReplicaSets of Deployments, Pods, Jobs of CronJobs),
 * and the system namespaces unless they are named. Backup and migration see the same objects.
 */
public final class ClusterWalk {

  private static final Set<String> GENERATED_KINDS =
      Set.of(
          "Event",
          "Endpoints",
          "EndpointSlice",
          "ControllerRevision",
          "Lease",
          "Node",
          "ComponentStatus");

  private static final Set<String> GENERATED_GROUPS = Set.of("metrics.k8s.io");

  private static final Set<String> SYSTEM_NAMESPACES =
      Set.of("kube-system", "kube-public", "kube-node-lease");

  /** What to walk: namespaces (empty for all) and a label selector. */
  public record Scope(List<String> namespaces, Optional<String> labelSelector, int pageSize) {}

  /** Receives each object kept, and counts what was left out. */
  public interface Visitor {
    void found(ResourceType type, ObjectKey key, ObjectNode object);

    default void owned(ResourceType type, ObjectKey key) {}
  }

  private final LiveObjects live;
  private final ResourceCatalog catalog;

  public ClusterWalk(LiveObjects live, ResourceCatalog catalog) {
    this.live = live;
    this.catalog = catalog;
  }

  /** Visits types in catalog order (group, kind) and objects in the server's list order. */
  public void walk(Scope scope, Visitor visitor) {
    for (ResourceType type : catalog.types()) {
      if (!wanted(type, scope)) {
        continue;
      }
      if (type.namespaced() && !scope.namespaces().isEmpty()) {
        for (String namespace : scope.namespaces()) {
          list(type, namespace, scope, visitor);
        }
      } else {
        list(type, null, scope, visitor);
      }
    }
  }

  private static boolean wanted(ResourceType type, Scope scope) {
    if (!type.can("list")
        || GENERATED_KINDS.contains(type.kind())
        || GENERATED_GROUPS.contains(type.group())) {
      return false;
    }
    // With a namespace filter, the only cluster-scoped objects kept are those Namespaces.
    return type.namespaced() || scope.namespaces().isEmpty() || type.kind().equals("Namespace");
  }

  private void list(ResourceType type, String namespace, Scope scope, Visitor visitor) {
    live.forEach(
        type,
        namespace,
        scope.labelSelector().orElse(null),
        scope.pageSize(),
        object -> {
          ObjectKey key = GenericObjects.keyOf(object);
          if (!inScope(type, key, scope) || isGenerated(type, object)) {
            return;
          }
          if (!object.path("metadata").path("ownerReferences").isEmpty()) {
            visitor.owned(type, key);
            return;
          }
          visitor.found(type, key, object);
        });
  }

  private static boolean inScope(ResourceType type, ObjectKey key, Scope scope) {
    if (!scope.namespaces().isEmpty()) {
      return type.namespaced()
          ? scope.namespaces().contains(key.namespace())
          : scope.namespaces().contains(key.name());
    }
    String namespace = type.kind().equals("Namespace") ? key.name() : key.namespace();
    return !SYSTEM_NAMESPACES.contains(namespace);
  }

  private static boolean isGenerated(ResourceType type, ObjectNode object) {
    String name = object.path("metadata").path("name").asText();
    if (type.kind().equals("ConfigMap") && name.equals("kube-root-ca.crt")) {
      return true;
    }
    return type.kind().equals("Secret")
        && "kubernetes.io/service-account-token".equals(object.path("type").asText());
  }
}
