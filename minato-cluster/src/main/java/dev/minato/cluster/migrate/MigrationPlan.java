package dev.minato.cluster.migrate;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.minato.cluster.connect.ClusterException;
import dev.minato.cluster.connect.ResourceCatalog;
import dev.minato.cluster.connect.ResourceType;
import dev.minato.cluster.objects.ApiFailure;
import dev.minato.cluster.objects.ClusterWalk;
import dev.minato.cluster.objects.DependencyOrder;
import dev.minato.cluster.objects.GenericObjects;
import dev.minato.cluster.objects.LiveObjects;
import dev.minato.cluster.objects.ServerFields;
import dev.minato.manifest.ObjectKey;
import dev.minato.manifest.migration.MigrationPolicy;
import dev.minato.manifest.migration.PolicyReading;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a migration moves, each object with its policy: where {@link MigrationPolicy#of} finds it on
 * the object (labels, annotations, then its pod template's, as {@code check} reads it), else its
 * namespace's label, else {@code --default-policy}. Workloads and custom resources with none are
 * listed in {@link #unlabeled()}, and a plan with any cannot run. Each item holds the form to
 * create on the target, read from the source now: server fields removed and minato's own stop
 * undone ({@link StopMark}), so a plan made after the stop phase creates what ran before it.
 */
public record MigrationPlan(
    List<MigrationItem> items, List<String> unlabeled, List<String> invalid) {

  public boolean runnable() {
    return unlabeled.isEmpty() && invalid.isEmpty();
  }

  public List<MigrationItem> with(MigrationPolicy policy) {
    return items.stream().filter(i -> i.is(policy)).toList();
  }

  public List<MigrationItem> supporting() {
    return items.stream().filter(i -> i.policy().isEmpty()).toList();
  }

  public static MigrationPlan of(
      LiveObjects source,
      ResourceCatalog catalog,
      List<String> namespaces,
      Optional<MigrationPolicy> defaultPolicy)
      throws ClusterException {
    try {
      return ofChecked(source, catalog, namespaces, defaultPolicy);
    } catch (KubernetesClientException e) {
      throw ApiFailure.of(e);
    }
  }

  private static MigrationPlan ofChecked(
      LiveObjects source,
      ResourceCatalog catalog,
      List<String> namespaces,
      Optional<MigrationPolicy> defaultPolicy)
      throws ClusterException {
    List<ObjectNode> objects = new ArrayList<>();
    Map<String, Map<String, String>> namespaceLabels = new HashMap<>();
    new ClusterWalk(source, catalog)
        .walk(
            new ClusterWalk.Scope(namespaces, Optional.empty(), 500),
            (ResourceType type, ObjectKey key, ObjectNode object) -> {
              if (key.kind().equals("Namespace")) {
                namespaceLabels.put(key.name(), labels(object));
              }
              objects.add(object);
            });
    List<MigrationItem> items = new ArrayList<>();
    List<String> unlabeled = new ArrayList<>();
    List<String> invalid = new ArrayList<>();
    for (ObjectNode object : objects) {
      ObjectNode clean = StopMark.undo(ServerFields.strip(object));
      clean.withObject("/metadata").remove("generateName");
      ObjectKey key = GenericObjects.keyOf(clean);
      // The object's labels and annotations, then its pod template's; then its namespace's label.
      PolicyReading reading = MigrationPolicy.of(object);
      if (!key.kind().equals("Namespace")) {
        reading =
            reading.or(
                MigrationPolicy.ofNamespace(
                    namespaceLabels.getOrDefault(key.namespace(), Map.of())));
      }
      if (reading instanceof PolicyReading.Invalid bad) {
        invalid.add(key + ": " + bad.message());
        continue;
      }
      Optional<MigrationPolicy> policy = reading.policy();
      if (policy.isEmpty() && MigrationItem.needsPolicy(key)) {
        policy = defaultPolicy;
        if (policy.isEmpty()) {
          unlabeled.add(key.toString());
          continue;
        }
      }
      if (key.kind().equals("Pod") && policy.equals(Optional.of(MigrationPolicy.DOWNTIME_OK))) {
        // Stopping a bare Pod deletes it: a run cut short before create would lose it.
        invalid.add(
            key
                + ": a bare Pod cannot be stopped without deleting it; run it under a Deployment"
                + " or Job, or label it duplicate-ok");
        continue;
      }
      if (key.kind().equals("Namespace") || key.kind().equals("CustomResourceDefinition")) {
        policy = Optional.empty(); // they run nothing, whatever their label says for their content
      }
      items.add(new MigrationItem(policy, clean));
    }
    items.sort(Comparator.comparing(MigrationItem::key, DependencyOrder.CREATION));
    unlabeled.sort(String::compareTo);
    invalid.sort(String::compareTo);
    return new MigrationPlan(List.copyOf(items), List.copyOf(unlabeled), List.copyOf(invalid));
  }

  private static Map<String, String> labels(ObjectNode object) {
    Map<String, String> labels = new HashMap<>();
    object
        .path("metadata")
        .path("labels")
        .fields()
        .forEachRemaining(label -> labels.put(label.getKey(), label.getValue().asText()));
    return labels;
  }

  /**
   * Names this plan: a hash of what it moves (each object's reference and policy), not of content,
   * so that stopping workloads or re-reading bodies does not make it another plan, while a plan
   * with other objects or other policies is another migration with its own state.
   */
  public String hash() {
    StringBuilder refs = new StringBuilder();
    for (MigrationItem item : items) {
      refs.append(item.reference()).append('\n');
    }
    return ContentHash.of(com.fasterxml.jackson.databind.node.TextNode.valueOf(refs.toString()))
        .substring(0, 16);
  }
}
