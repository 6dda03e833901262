package dev.minato.cluster.objects;

import com.fasterxml.jackson.databind.JsonNode;
import dev.minato.cluster.connect.ClusterException;
import dev.minato.cluster.connect.ResourceType;
import java.time.Duration;
import java.util.Optional;

/**
 * Waits until a CustomResourceDefinition is established: before that, the API server refuses its
 * custom resources.
 */
public final class CrdEstablishment {

  private CrdEstablishment() {}

  public static void await(LiveObjects live, ResourceType crds, String name, Duration timeout)
      throws ClusterException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      Optional<com.fasterxml.jackson.databind.node.ObjectNode> crd = live.get(crds, "", name);
      if (crd.isPresent() && established(crd.get())) {
        return;
      }
      if (System.nanoTime() > deadline) {
        throw ClusterException.failed(
            "CustomResourceDefinition " + name + " was not established within " + timeout);
      }
      Pause.briefly();
    }
  }

  static boolean established(JsonNode crd) {
    for (JsonNode condition : crd.path("status").path("conditions")) {
      if ("Established".equals(condition.path("type").asText())
          && "True".equals(condition.path("status").asText())) {
        return true;
      }
    }
    return false;
  }
}
