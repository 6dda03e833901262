package dev.minato.cluster.apply;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.minato.cluster.connect.ResourceType;
import dev.minato.cluster.objects.LiveObjects;
import dev.minato.manifest.ObjectKey;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * The objects every other minato inventory in the cluster recorded, so an apply never takes over or
 * prunes what another app's inventory owns. Inventories are found by their label across all
 * namespaces; a user who may not list ConfigMaps cluster-wide (a team confined to its namespace)
 * gets those of the namespaces the apply touches, the only ones it could be confused with there.
 */
final class OtherInventories {

  private static final int PAGE = 500;

  private final Map<ObjectKey, String> claims;

  private OtherInventories(Map<ObjectKey, String> claims) {
    this.claims = claims;
  }

  static OtherInventories read(
      LiveObjects live, ResourceType configMaps, Inventory own, Collection<String> namespaces) {
    Map<ObjectKey, String> claims = new HashMap<>();
    Consumer<ObjectNode> record =
        map -> {
          String namespace = map.path("metadata").path("namespace").asText("");
          String name = map.path("metadata").path("name").asText("");
          if (namespace.equals(own.namespace()) && name.equals(own.configMapName())) {
            return;
          }
          String owner = "ConfigMap/" + namespace + "/" + name;
          Inventory.Record.of(map).entries().forEach(e -> claims.putIfAbsent(e.key(), owner));
        };
    try {
      live.forEach(configMaps, null, Inventory.RECORD_LABEL, PAGE, record);
    } catch (KubernetesClientException e) {
      if (e.getCode() != 403) {
        throw e;
      }
      for (String namespace : new TreeSet<>(namespaces)) {
        try {
          live.forEach(configMaps, namespace, Inventory.RECORD_LABEL, PAGE, record);
        } catch (KubernetesClientException denied) {
          if (denied.getCode() != 403) {
            throw denied;
          }
        }
      }
    }
    return new OtherInventories(claims);
  }

  /** The inventory ConfigMap, other than this apply's, that recorded {@code key}. */
  Optional<String> claimOf(ObjectKey key) {
    return Optional.ofNullable(claims.get(key));
  }
}
