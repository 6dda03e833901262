package dev.minato.cluster.apply;

import dev.minato.cluster.apply.ApplyPlan.Planned;
import dev.minato.cluster.connect.ClusterException;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Where an inventory's ConfigMap lives: the namespace its objects share, so a team allowed only
 * into its own namespace can apply, and deleting the namespace takes the record with it. Objects
 * spread over several namespaces (or none) need {@code --inventory-namespace}.
 */
final class InventoryPlacement {

  private InventoryPlacement() {}

  static Inventory place(Inventory inventory, List<Planned> objects) throws ClusterException {
    if (!inventory.namespace().isEmpty()) {
      return inventory;
    }
    SortedSet<String> namespaces = new TreeSet<>();
    for (Planned planned : objects) {
      if (!planned.key().namespace().isEmpty()) {
        namespaces.add(planned.key().namespace());
      }
    }
    if (namespaces.size() == 1) {
      return inventory.placedIn(namespaces.first());
    }
    throw ClusterException.invalidInput(
        (namespaces.isEmpty()
                ? "the input has no namespaced objects"
                : "the input's objects are in several namespaces ("
                    + String.join(", ", namespaces)
                    + ")")
            + ", so inventory '"
            + inventory.name()
            + "' has no namespace of its own: name one with --inventory-namespace NS (the same"
            + " every time)");
  }
}
