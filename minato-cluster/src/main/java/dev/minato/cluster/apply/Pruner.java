package dev.minato.cluster.apply;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.minato.cluster.connect.ResourceCatalog;
import dev.minato.cluster.connect.ResourceType;
import dev.minato.cluster.objects.DependencyOrder;
import dev.minato.cluster.objects.LiveObjects;
import dev.minato.manifest.ObjectKey;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;

/**
 * {@code --prune}: deletes what an earlier apply of the same inventory created and the input no
 * longer has, last created first, and only objects that still carry the inventory's label.
 */
final class Pruner {

  private final LiveObjects live;
  private final ResourceCatalog catalog;

  Pruner(LiveObjects live, ResourceCatalog catalog) {
    this.live = live;
    this.catalog = catalog;
  }

  /** One result per recorded entry that left the input, in the order they were handled. */
  Map<Inventory.Entry, ObjectResult> prune(
      SortedSet<Inventory.Entry> recorded, Set<ObjectKey> inputKeys, ApplyOptions options) {
    List<Inventory.Entry> gone = new ArrayList<>();
    for (Inventory.Entry entry : recorded) {
      if (!inputKeys.contains(entry.key())) {
        gone.add(entry);
      }
    }
    gone.sort(Comparator.comparing(Inventory.Entry::key, DependencyOrder.CREATION).reversed());
    Map<Inventory.Entry, ObjectResult> results = new LinkedHashMap<>();
    for (Inventory.Entry entry : gone) {
      results.put(entry, prune(entry, options));
    }
    return results;
  }

  private ObjectResult prune(Inventory.Entry entry, ApplyOptions options) {
    ObjectKey key = entry.key();
    Optional<ResourceType> type = catalog.find(entry.apiVersion(), entry.kind());
    if (type.isEmpty()) {
      return new ObjectResult(key, Outcome.SKIPPED, "its kind is no longer served");
    }
    try {
      Optional<ObjectNode> current = live.get(type.get(), key.namespace(), key.name());
      if (current.isEmpty()) {
        return new ObjectResult(key, Outcome.SKIPPED, "already gone");
      }
      if (!Inventory.owns(current.get(), options.inventory())) {
        return new ObjectResult(
            key,
            Outcome.SKIPPED,
            "label " + Inventory.LABEL + " changed: not minato's; left alone");
      }
      live.delete(type.get(), key.namespace(), key.name(), options.storesNothing());
      return ObjectResult.of(key, Outcome.PRUNED);
    } catch (KubernetesClientException e) {
      return new ObjectResult(key, Outcome.FAILED, Applier.serverMessage(e));
    }
  }
}
