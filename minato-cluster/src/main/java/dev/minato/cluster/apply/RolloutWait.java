package dev.minato.cluster.apply;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.minato.cluster.connect.ClusterException;
import dev.minato.cluster.connect.ResourceCatalog;
import dev.minato.cluster.connect.ResourceType;
import dev.minato.cluster.objects.GenericObjects;
import dev.minato.cluster.objects.LiveObjects;
import dev.minato.cluster.objects.Pause;
import dev.minato.cluster.objects.Readiness;
import dev.minato.manifest.ObjectKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/** {@code --wait}: polls applied workloads until their rollout is done, as kubectl does. */
final class RolloutWait {

  private final LiveObjects live;
  private final ResourceCatalog catalog;

  RolloutWait(LiveObjects live, ResourceCatalog catalog) {
    this.live = live;
    this.catalog = catalog;
  }

  /** Follows {@code rollouts} until ready or the timeout; answers those still not ready. */
  List<String> await(List<ObjectNode> rollouts, Duration timeout, Consumer<String> progress)
      throws ClusterException {
    long deadline = System.nanoTime() + timeout.toNanos();
    List<ObjectNode> pending = new ArrayList<>(rollouts);
    while (!pending.isEmpty()) {
      List<ObjectNode> still = new ArrayList<>();
      for (ObjectNode object : pending) {
        ObjectKey key = GenericObjects.keyOf(object);
        ResourceType type =
            catalog.find(object.path("apiVersion").asText(), key.kind()).orElseThrow();
        Optional<ObjectNode> current = live.get(type, key.namespace(), key.name());
        if (current.isPresent() && !Readiness.isReady(current.get())) {
          still.add(object);
        } else {
          progress.accept("ready      " + key);
        }
      }
      pending = still;
      if (pending.isEmpty() || System.nanoTime() > deadline) {
        break;
      }
      Pause.briefly();
    }
    return pending.stream().map(o -> GenericObjects.keyOf(o).toString()).sorted().toList();
  }
}
