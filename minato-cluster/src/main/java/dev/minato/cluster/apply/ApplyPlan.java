package dev.minato.cluster.apply;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.minato.cluster.connect.ResourceType;
import dev.minato.manifest.KubeObject;
import dev.minato.manifest.ObjectKey;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What an apply will do, worked out by reading the cluster and writing nothing: the objects with
 * their live versions, the inventory, and exactly which objects {@code --prune} will delete. Every
 * ownership check has passed when a plan exists, so showing it and asking comes before any change.
 *
 * @param objects the input objects, ready to send, in creation order
 * @param before each object's live version, empty when it does not exist
 * @param inventory the inventory, placed in its namespace
 * @param recorded what the inventory recorded before this apply
 * @param deletions what {@code --prune} will delete, in deletion order
 * @param kept recorded objects that left the input and will not be deleted, with the reason
 * @param options how to apply
 */
public record ApplyPlan(
    List<Planned> objects,
    Map<ObjectKey, Optional<ObjectNode>> before,
    Inventory inventory,
    Inventory.Record recorded,
    List<Inventory.Entry> deletions,
    List<ObjectResult> kept,
    ApplyOptions options) {

  /** One input object: its tree with namespace and inventory label, and its type if served. */
  record Planned(KubeObject source, ObjectNode tree, ObjectKey key, ResourceType type) {}

  /** The objects {@code --prune} will delete, in the order it deletes them. */
  public List<ObjectKey> deletedKeys() {
    return deletions.stream().map(Inventory.Entry::key).toList();
  }

  public int objectCount() {
    return objects.size();
  }
}
