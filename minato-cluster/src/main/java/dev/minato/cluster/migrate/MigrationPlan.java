package dev.minato.cluster.migrate;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.minato.cluster.connect.ClusterException;
import dev.minato.cluster.connect.ResourceCatalog;
import dev.minato.cluster.connect.ResourceType;
import dev.minato.cluster.objects.ApiFailure;
import dev.minato.cluster.objects.ClusterWalk;
import dev.minato.cluster.objects.DependencyOrder;
import dev.minato.cluster.objects.LiveObjects;
import dev.minato.cluster.objects.ServerFields;
import dev.minato.manifest.ObjectKey;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a migration moves, each object with its policy: from the object's label, else its
 * namespace's label, else {@code --default-policy}. Workloads and custom resources with none are
 * listed in {@link #unlabeled()}, and a plan with any cannot run.
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
    Map<String, String> namespacePolicies = new HashMap<>();
    new ClusterWalk(source, catalog)
        .walk(
            new ClusterWalk.Scope(namespaces, Optional.empty(), 500),
            (ResourceType type, ObjectKey key, ObjectNode object) -> {
              if (key.kind().equals("Namespace")) {
                String label =
                    object.path("metadata").path("labels").path(MigrationPolicy.LABEL).asText("");
                if (!label.isEmpty()) {
                  namespacePolicies.put(key.name(), label);
                }
              }
              objects.add(object);
            });
    List<MigrationItem> items = new ArrayList<>();
    List<String> unlabeled = new ArrayList<>();
    List<String> invalid = new ArrayList<>();
    for (ObjectNode object : objects) {
      ObjectNode clean = ServerFields.strip(object);
      clean.withObject("/metadata").remove("generateName");
      ObjectKey key = dev.minato.cluster.objects.GenericObjects.keyOf(clean);
      String label = object.path("metadata").path("labels").path(MigrationPolicy.LABEL).asText("");
      if (label.isEmpty() && !key.kind().equals("Namespace")) {
        label = namespacePolicies.getOrDefault(key.namespace(), "");
      }
      Optional<MigrationPolicy> policy;
      if (!label.isEmpty()) {
        policy = MigrationPolicy.parse(label);
        if (policy.isEmpty()) {
          invalid.add(
              key
                  + ": "
                  + MigrationPolicy.LABEL
                  + "='"
                  + label
                  + "', expected duplicate-ok or downtime-ok");
          continue;
        }
      } else if (MigrationItem.needsPolicy(key)) {
        policy = defaultPolicy;
        if (policy.isEmpty()) {
          unlabeled.add(key.toString());
          continue;
        }
      } else {
        policy = Optional.empty();
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
}
