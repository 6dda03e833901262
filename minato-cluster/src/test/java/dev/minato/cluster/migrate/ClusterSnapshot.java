package dev.minato.cluster.migrate;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.minato.cluster.connect.ClusterException;
import dev.minato.cluster.connect.ResourceCatalog;
import dev.minato.cluster.connect.ResourceType;
import dev.minato.cluster.objects.LiveObjects;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * Every object a cluster serves, as the server returns it (resourceVersion and uid included), by
 * {@code apiVersion kind namespace/name}: two snapshots equal byte for byte prove that nothing was
 * written, not even a no-op update. Stricter than a backup, which removes server fields and leaves
 * Secrets out unless encrypted (with a new nonce each time).
 */
record ClusterSnapshot(Map<String, String> objects) {

  static ClusterSnapshot of(KubernetesClient client) {
    try {
      ResourceCatalog catalog = ResourceCatalog.discover(client);
      LiveObjects live = new LiveObjects(client);
      Map<String, String> objects = new TreeMap<>();
      for (ResourceType type : catalog.types()) {
        if (!type.can("list")) {
          continue;
        }
        live.forEach(type, null, null, 500, object -> objects.put(key(object), object.toString()));
      }
      return new ClusterSnapshot(objects);
    } catch (ClusterException e) {
      throw new IllegalStateException(e);
    }
  }

  static String key(ObjectNode object) {
    String namespace = object.path("metadata").path("namespace").asText("");
    return object.path("apiVersion").asText()
        + " "
        + object.path("kind").asText()
        + " "
        + (namespace.isEmpty() ? "" : namespace + "/")
        + object.path("metadata").path("name").asText();
  }

  /** This snapshot without the objects {@code intended} selects (by key). */
  Map<String, String> outside(Predicate<String> intended) {
    Map<String, String> kept = new TreeMap<>(objects);
    kept.keySet().removeIf(intended);
    return kept;
  }
}
