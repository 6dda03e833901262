package dev.minato.cluster.apply;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.minato.cluster.apply.ApplyPlan.Planned;
import dev.minato.cluster.connect.ClusterException;
import dev.minato.cluster.connect.ClusterIdentity;
import dev.minato.cluster.connect.ResourceCatalog;
import dev.minato.cluster.connect.ResourceType;
import dev.minato.cluster.objects.DependencyOrder;
import dev.minato.cluster.objects.LiveObjects;
import dev.minato.manifest.KubeObject;
import dev.minato.manifest.ObjectKey;
import dev.minato.manifest.Suggestions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Works out an {@link ApplyPlan} by reading the cluster, never writing: the objects with namespace
 * and inventory label, their live versions, the inventory and its place, what prune will delete,
 * and the {@link Ownership} proofs. Any failed proof stops here, before the first change.
 */
final class ApplyPlanner {

  private final LiveObjects live;
  private final ResourceCatalog catalog;
  private final ClusterIdentity identity;

  ApplyPlanner(LiveObjects live, ResourceCatalog catalog, ClusterIdentity identity) {
    this.live = live;
    this.catalog = catalog;
    this.identity = identity;
  }

  ApplyPlan plan(List<KubeObject> objects, ApplyOptions options) throws ClusterException {
    List<Planned> planned = planObjects(objects, options);
    Inventory inventory = InventoryPlacement.place(options.inventory(), planned);
    ResourceType configMaps = required(catalog, "v1", "ConfigMap");
    Optional<Inventory.Record> record = inventory.load(live, configMaps);
    Set<String> namespaces = new TreeSet<>();
    namespaces.add(inventory.namespace());
    planned.forEach(p -> namespaces.add(p.key().namespace()));
    namespaces.remove("");
    Ownership ownership =
        new Ownership(inventory, OtherInventories.read(live, configMaps, inventory, namespaces));
    ownership.checkRecord(record, identity, options);

    Map<ObjectKey, Optional<ObjectNode>> before = new LinkedHashMap<>();
    for (Planned p : planned) {
      Optional<ObjectNode> current =
          p.type() == null
              ? Optional.empty()
              : live.get(p.type(), p.key().namespace(), p.key().name());
      before.put(p.key(), current);
      ownership.checkTakeOver(p.key(), current);
    }
    Inventory.Record recorded =
        record.orElse(
            new Inventory.Record(
                new TreeSet<>(), Optional.empty(), Optional.empty(), Optional.empty()));
    List<Inventory.Entry> deletions = new ArrayList<>();
    List<ObjectResult> kept = new ArrayList<>();
    if (options.prune()) {
      Set<ObjectKey> inputKeys = new HashSet<>(before.keySet());
      Set<String> apps = labelValues(planned, InventoryName.APP_LABEL);
      Set<String> environments = labelValues(planned, InventoryName.ENVIRONMENT_LABEL);
      for (Inventory.Entry entry : recorded.entries()) {
        if (inputKeys.contains(entry.key())) {
          continue;
        }
        Optional<ResourceType> type = catalog.find(entry.apiVersion(), entry.kind());
        Optional<ObjectNode> current =
            type.flatMap(t -> live.get(t, entry.namespace(), entry.name()));
        if (type.isEmpty()) {
          kept.add(new ObjectResult(entry.key(), Outcome.SKIPPED, "its kind is no longer served"));
        } else if (current.isEmpty()) {
          kept.add(new ObjectResult(entry.key(), Outcome.SKIPPED, "already gone"));
        } else if (Inventory.claimOf(current.get()).isEmpty()) {
          kept.add(
              new ObjectResult(
                  entry.key(),
                  Outcome.SKIPPED,
                  "label " + Inventory.LABEL + " removed: handed over; left alone"));
        } else {
          ownership.checkDeletion(entry.key(), current.get(), apps, environments);
          deletions.add(entry);
        }
      }
      deletions.sort(
          Comparator.comparing(Inventory.Entry::key, DependencyOrder.CREATION).reversed());
    }
    if (!ownership.refusals().isEmpty()) {
      throw ClusterException.invalidInput(
          "refused, nothing was changed:\n  " + String.join("\n  ", ownership.refusals()));
    }
    return new ApplyPlan(planned, before, inventory, recorded, deletions, kept, options);
  }

  private static Set<String> labelValues(List<Planned> planned, String label) {
    Set<String> values = new TreeSet<>();
    for (Planned p : planned) {
      String value = p.tree().path("metadata").path("labels").path(label).asText("");
      if (!value.isEmpty()) {
        values.add(value);
      }
    }
    return values;
  }

  private List<Planned> planObjects(List<KubeObject> objects, ApplyOptions options)
      throws ClusterException {
    Set<String> definedByInput = new HashSet<>();
    for (KubeObject object : objects) {
      if (object.kind().equals("CustomResourceDefinition")) {
        definedByInput.add(
            object.at("/spec/group").asText() + "/" + object.at("/spec/names/kind").asText());
      }
    }
    List<String> errors = new ArrayList<>();
    List<Planned> plan = new ArrayList<>();
    for (KubeObject object : objects) {
      Optional<ResourceType> type = catalog.find(object.apiVersion(), object.kind());
      if (type.isEmpty() && !definedByInput.contains(object.group() + "/" + object.kind())) {
        String suggestion =
            Suggestions.closest(object.kind(), catalog.kindsOf(object.apiVersion()))
                .map(k -> ", did you mean '" + k + "'?")
                .orElse("; is its CustomResourceDefinition installed?");
        errors.add(
            object.positionOf("/kind")
                + ": kind '"
                + object.kind()
                + "' is not served in "
                + object.apiVersion()
                + suggestion);
        continue;
      }
      ObjectNode tree = object.tree().deepCopy();
      ObjectNode metadata = tree.withObject("/metadata");
      boolean namespaced = type.map(ResourceType::namespaced).orElse(true);
      String own = metadata.path("namespace").asText("");
      if (namespaced && own.isEmpty()) {
        metadata.put("namespace", options.defaultNamespace());
      } else if (namespaced && options.namespace().isPresent()) {
        String given = options.namespace().get();
        if (!own.equals(given) && options.forceNamespace()) {
          metadata.put("namespace", given);
        } else if (!own.equals(given)) {
          errors.add(
              object.positionOf("/metadata/namespace")
                  + ": "
                  + object.kind()
                  + "/"
                  + object.name()
                  + " names namespace '"
                  + own
                  + "' but -n says '"
                  + given
                  + "'; drop -n, or pass --force-namespace to apply it in '"
                  + given
                  + "'");
          continue;
        }
      }
      if (!namespaced) {
        metadata.remove("namespace");
      }
      metadata.withObject("/labels").put(Inventory.LABEL, options.inventory().name());
      plan.add(new Planned(object, tree, keyOf(object, tree), type.orElse(null)));
    }
    if (!errors.isEmpty()) {
      throw ClusterException.invalidInput(String.join("\n", errors));
    }
    plan.sort(Comparator.comparing(Planned::key, DependencyOrder.CREATION));
    return plan;
  }

  /** The type the server serves for a kind minato cannot work without. */
  static ResourceType required(ResourceCatalog catalog, String apiVersion, String kind)
      throws ClusterException {
    return catalog
        .find(apiVersion, kind)
        .orElseThrow(
            () ->
                ClusterException.environment(
                    "the API server does not serve " + kind + " (" + apiVersion + ")", null));
  }

  private static ObjectKey keyOf(KubeObject object, ObjectNode tree) {
    return new ObjectKey(
        object.group(),
        object.kind(),
        tree.path("metadata").path("namespace").asText(""),
        object.name());
  }
}
