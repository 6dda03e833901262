package dev.minato.cluster.drift;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.minato.cluster.connect.ClusterException;
import dev.minato.cluster.connect.ResourceCatalog;
import dev.minato.cluster.connect.ResourceType;
import dev.minato.cluster.objects.ApiFailure;
import dev.minato.cluster.objects.ClusterWalk;
import dev.minato.cluster.objects.GenericObjects;
import dev.minato.cluster.objects.LiveObjects;
import dev.minato.manifest.MinatoLabels;
import dev.minato.manifest.ObjectKey;
import dev.minato.manifest.diff.ObjectDiff;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Compares what the repository says (generated manifests, or a backup) with the live cluster:
 * objects changed by hand, missing, or extra. A live object matches when it holds every field the
 * desired object sets (the server adds defaults and status; those are not drift), compared field by
 * field with list elements paired by their Kubernetes merge key ({@link ObjectDiff#drifted}). Extra
 * objects are looked for in the namespaces the desired objects use, and among cluster-scoped
 * objects of the kinds they use; objects the cluster makes by itself are not extra.
 */
public final class DriftDetector {

  private final LiveObjects live;
  private final ResourceCatalog catalog;

  public DriftDetector(LiveObjects live, ResourceCatalog catalog) {
    this.live = live;
    this.catalog = catalog;
  }

  /**
   * @param desired the objects as the repository says, namespaced ones without a namespace taken to
   *     be in {@code defaultNamespace}
   */
  public DriftReport compare(List<ObjectNode> desired, String defaultNamespace)
      throws ClusterException {
    try {
      return compareChecked(desired, defaultNamespace);
    } catch (KubernetesClientException e) {
      throw ApiFailure.of(e);
    }
  }

  private DriftReport compareChecked(List<ObjectNode> desired, String defaultNamespace) {
    Map<ObjectKey, ObjectNode> wanted = new TreeMap<>();
    Set<String> namespaces = new HashSet<>();
    Set<String> clusterKinds = new HashSet<>();
    List<DriftFinding> findings = new ArrayList<>();
    for (ObjectNode object : desired) {
      String apiVersion = object.path("apiVersion").asText();
      Optional<ResourceType> type = catalog.find(apiVersion, object.path("kind").asText());
      ObjectNode copy = object.deepCopy();
      if (type.isPresent()
          && type.get().namespaced()
          && copy.path("metadata").path("namespace").asText("").isEmpty()) {
        copy.withObject("/metadata").put("namespace", defaultNamespace);
      }
      ObjectKey key = GenericObjects.keyOf(copy);
      wanted.put(key, copy);
      if (type.isEmpty()) {
        findings.add(
            new DriftFinding(
                key,
                DriftKind.MISSING,
                "the cluster does not serve " + apiVersion + " " + key.kind(),
                List.of()));
        continue;
      }
      if (type.get().namespaced()) {
        namespaces.add(key.namespace());
      } else {
        clusterKinds.add(type.get().qualifiedKind());
      }
      Optional<ObjectNode> current = live.get(type.get(), key.namespace(), key.name());
      if (current.isEmpty()) {
        findings.add(new DriftFinding(key, DriftKind.MISSING, "", List.of()));
        continue;
      }
      ObjectDiff diff = ObjectDiff.drifted(key.toString(), current.get(), copy);
      if (!diff.isEmpty()) {
        findings.add(new DriftFinding(key, DriftKind.CHANGED, "", diff.fields()));
      }
    }
    for (ObjectKey extra : extras(wanted.keySet(), namespaces, clusterKinds)) {
      findings.add(new DriftFinding(extra, DriftKind.EXTRA, "", List.of()));
    }
    findings.sort(
        java.util.Comparator.comparing(DriftFinding::key).thenComparing(DriftFinding::kind));
    return new DriftReport(List.copyOf(findings), wanted.size());
  }

  private List<ObjectKey> extras(
      Set<ObjectKey> wanted, Set<String> namespaces, Set<String> clusterKinds) {
    List<ObjectKey> extras = new ArrayList<>();
    new ClusterWalk(live, catalog)
        .walk(
            new ClusterWalk.Scope(List.of(), Optional.empty(), 500),
            (type, key, object) -> {
              boolean managedScope =
                  type.namespaced()
                      ? namespaces.contains(key.namespace())
                      : clusterKinds.contains(type.qualifiedKind());
              if (managedScope && !wanted.contains(key) && !madeByCluster(key, object)) {
                extras.add(key);
              }
            });
    return extras;
  }

  /** Objects a cluster creates in every namespace, and minato's own bookkeeping. */
  private static boolean madeByCluster(ObjectKey key, JsonNode object) {
    return (key.kind().equals("ServiceAccount") && key.name().equals("default"))
        || (key.kind().equals("Namespace") && key.name().equals("default"))
        || !object.path("metadata").path("labels").path(MinatoLabels.INVENTORY_OF).isMissingNode();
  }
}
