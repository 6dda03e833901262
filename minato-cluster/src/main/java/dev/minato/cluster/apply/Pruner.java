package dev.minato.cluster.apply;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.minato.cluster.connect.ResourceCatalog;
import dev.minato.cluster.connect.ResourceType;
import dev.minato.cluster.objects.LiveObjects;
import dev.minato.manifest.ObjectKey;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code --prune}: deletes what the plan listed (objects an earlier apply of the same inventory
 * created and the input no longer has), last created first, and only objects that still carry the
 * inventory's label.
 */
final class Pruner {

  private final LiveObjects live;
  private final ResourceCatalog catalog;

  Pruner(LiveObjects live, ResourceCatalog catalog) {
    this.live = live;
    this.catalog = catalog;
  }

  /**
   * Deletes the planned entries in order, one result each. Each is read again first: one that lost
   * the inventory's label since the plan was made is left alone.
   */
  Map<Inventory.Entry, ObjectResult> prune(
      List<Inventory.Entry> deletions, Inventory inventory, ApplyOptions options) {
    Map<Inventory.Entry, ObjectResult> results = new LinkedHashMap<>();
    for (Inventory.Entry entry : deletions) {
      results.put(entry, prune(entry, inventory, options));
    }
    return results;
  }

  private ObjectResult prune(Inventory.Entry entry, Inventory inventory, ApplyOptions options) {
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
      if (!inventory.owns(current.get())) {
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
