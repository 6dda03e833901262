package dev.minato.cluster.apply;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.minato.cluster.connect.ClusterIdentity;
import dev.minato.manifest.ObjectKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The proofs an apply needs before it changes anything: that the inventory was written in this
 * cluster and for this input, that no other inventory claims an object this apply would take over
 * or delete, and that nothing it would delete belongs to another app or environment. Each failed
 * proof is one line of the refusal; the apply then changes nothing.
 */
final class Ownership {

  private final Inventory inventory;
  private final OtherInventories others;
  private final List<String> refusals = new ArrayList<>();

  Ownership(Inventory inventory, OtherInventories others) {
    this.inventory = inventory;
    this.others = others;
  }

  /** The inventory must have been written in this cluster, for this input. */
  void checkRecord(
      Optional<Inventory.Record> record, ClusterIdentity identity, ApplyOptions options) {
    if (record.isEmpty() || options.adoptInventory()) {
      return;
    }
    Inventory.Record found = record.get();
    if (found.cluster().isPresent() && !found.cluster().get().equals(identity.key())) {
      refusals.add(
          inventory.describe()
              + " was written in another cluster ("
              + found.server().orElse("?")
              + ", identity "
              + found.cluster().get()
              + "); this is "
              + identity.describe()
              + ". It was copied here (a restore or a migration?), so the objects it lists were"
              + " not created by minato in this cluster. Check the context; to take it over here,"
              + " re-run with --adopt-inventory");
    }
    if (found.input().isPresent()
        && !options.input().isEmpty()
        && !found.input().get().equals(options.input())) {
      refusals.add(
          inventory.describe()
              + " was written for '"
              + found.input().get()
              + "', not '"
              + options.input()
              + "'. Two inputs sharing an inventory prune each other's objects: choose another"
              + " name with --inventory, or, if this input replaces that one (a moved directory),"
              + " re-run with --adopt-inventory");
    }
  }

  /** An object this apply creates or configures must not be claimed by another inventory. */
  void checkTakeOver(ObjectKey key, Optional<ObjectNode> live) {
    String label = live.map(Inventory::claimOf).orElse("");
    if (!label.isEmpty() && !label.equals(inventory.name())) {
      refusals.add(
          key
              + " belongs to inventory '"
              + label
              + "' (label "
              + Inventory.LABEL
              + "), not '"
              + inventory.name()
              + "'. If this is the same set, re-run with --inventory "
              + label
              + "; to hand it over, remove the label from it first");
      return;
    }
    others
        .claimOf(key)
        .ifPresent(
            owner ->
                refusals.add(
                    key
                        + " is recorded by "
                        + owner
                        + ", another inventory; two inventories must never share an object"));
  }

  /**
   * An object prune would delete must carry this inventory's label (checked by the caller), be
   * recorded by no other inventory, and belong to one of the input's apps and environments.
   */
  void checkDeletion(ObjectKey key, JsonNode live, Set<String> apps, Set<String> environments) {
    String label = Inventory.claimOf(live);
    if (!label.equals(inventory.name())) {
      refusals.add(
          "prune would delete "
              + key
              + ", which is labelled for inventory '"
              + label
              + "', not '"
              + inventory.name()
              + "'");
    }
    others
        .claimOf(key)
        .ifPresent(
            owner -> refusals.add("prune would delete " + key + ", which " + owner + " records"));
    foreign(key, live, InventoryName.APP_LABEL, apps, "app");
    foreign(key, live, InventoryName.ENVIRONMENT_LABEL, environments, "environment");
  }

  private void foreign(ObjectKey key, JsonNode live, String label, Set<String> own, String what) {
    String value = live.path("metadata").path("labels").path(label).asText("");
    if (!value.isEmpty() && !own.isEmpty() && !own.contains(value)) {
      refusals.add(
          "prune would delete "
              + key
              + " of "
              + what
              + " '"
              + value
              + "' ("
              + label
              + "), but this input is "
              + what
              + " "
              + String.join(", ", own));
    }
  }

  List<String> refusals() {
    return refusals;
  }
}
