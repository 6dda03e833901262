package dev.minato.cluster.migrate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.minato.cluster.connect.ClusterException;
import dev.minato.cluster.connect.ResourceType;
import dev.minato.cluster.objects.Pause;
import dev.minato.manifest.InvalidValueException;
import dev.minato.manifest.ObjectKey;
import dev.minato.manifest.selector.LabelSelector;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Stops downtime-ok workloads on the source the way each kind allows, and verifies they are
 * stopped: the status says nothing runs and no Pod matching the workload's selector is running.
 */
final class SourceStop {

  /** The field manager of the stop changes, distinct from apply's so nothing else is dropped. */
  static final String STOP_MANAGER = "minato-migrate";

  private final ClusterSide source;

  SourceStop(ClusterSide source) {
    this.source = source;
  }

  /**
   * Stops one downtime-ok workload on the source, the way its kind allows, keeping the value it
   * changes in {@link StopMark#ANNOTATION}; answers whether it changed anything. A workload already
   * stopped is left as it is, so its annotation keeps the value from before the first stop.
   */
  boolean stop(MigrationItem item, Consumer<String> progress) throws ClusterException {
    ObjectKey key = item.key();
    ResourceType type = Migrator.typeOn(source, item);
    Optional<ObjectNode> current = source.live().get(type, key.namespace(), key.name());
    if (current.isEmpty()) {
      progress.accept("  already gone from source  " + key);
      return false;
    }
    // Jobs cannot be paused (awaitStopped waits until they are not active); other kinds without
    // a mark run nothing by themselves.
    Optional<StopMark> mark = StopMark.of(key.kind());
    if (mark.isEmpty() || mark.get().isStopped(current.get())) {
      return false;
    }
    try {
      source
          .live()
          .apply(type, mark.get().change(identity(item), current.get()), false, STOP_MANAGER);
      progress.accept("  stopped on source  " + key);
      return true;
    } catch (KubernetesClientException e) {
      throw ClusterException.failed("cannot stop " + key + " on the source: " + e.getMessage());
    }
  }

  /**
   * Reads that none of the workloads runs on the source, stopping again any that runs (re-applied
   * since the stop phase) and waiting until it is stopped; answers whether it had to stop any.
   */
  boolean ensureStopped(List<MigrationItem> items, Duration timeout, Consumer<String> progress)
      throws ClusterException {
    List<MigrationItem> running = new ArrayList<>();
    for (MigrationItem item : items) {
      if (!isStopped(item)) {
        running.add(item);
      }
    }
    for (MigrationItem item : running) {
      progress.accept("  runs on the source again, stopping it first  " + item.key());
      stop(item, progress);
    }
    awaitStopped(running, timeout);
    return !running.isEmpty();
  }

  void awaitStopped(List<MigrationItem> items, Duration timeout) throws ClusterException {
    long deadline = System.nanoTime() + timeout.toNanos();
    List<MigrationItem> pending = new ArrayList<>(items);
    while (true) {
      List<MigrationItem> still = new ArrayList<>();
      for (MigrationItem item : pending) {
        if (!isStopped(item)) {
          still.add(item);
        }
      }
      pending = still;
      if (pending.isEmpty()) {
        return;
      }
      if (System.nanoTime() > deadline) {
        throw ClusterException.failed(
            "still running on the source after "
                + timeout
                + ": "
                + Migrator.keys(pending)
                + "; re-run to resume");
      }
      Pause.briefly();
    }
  }

  /** Stopped: the status says nothing runs, and no pod matching its selector is running. */
  boolean isStopped(MigrationItem item) throws ClusterException {
    ObjectKey key = item.key();
    ResourceType type = Migrator.typeOn(source, item);
    Optional<ObjectNode> current = source.live().get(type, key.namespace(), key.name());
    if (current.isEmpty()) {
      return true;
    }
    JsonNode live = current.get();
    JsonNode status = live.path("status");
    boolean statusStopped =
        switch (key.kind()) {
          case "Deployment", "StatefulSet", "ReplicaSet" ->
              live.path("spec").path("replicas").asInt(1) == 0
                  && status.path("replicas").asInt(0) == 0
                  && status.path("readyReplicas").asInt(0) == 0;
          case "CronJob" ->
              live.path("spec").path("suspend").asBoolean(false) && status.path("active").isEmpty();
          case "DaemonSet" ->
              status.path("currentNumberScheduled").asInt(0) == 0
                  && status.path("numberReady").asInt(0) == 0;
          case "Job" -> status.path("active").asInt(0) == 0;
          default -> true;
        };
    return statusStopped && runningPods(key, live.path("spec").path("selector")) == 0;
  }

  /**
   * The pods of the workload that still run, found by its whole selector (matchExpressions too:
   * reading matchLabels alone would count the pods of a wider set).
   */
  private int runningPods(ObjectKey key, JsonNode workloadSelector) throws ClusterException {
    LabelSelector selector;
    try {
      selector = LabelSelector.of(workloadSelector);
    } catch (InvalidValueException e) {
      throw ClusterException.failed(key + ": its selector cannot be read: " + e.getMessage());
    }
    if (selector.isEmpty()) {
      return 0;
    }
    String namespace = key.namespace();
    ResourceType pods =
        source
            .catalog()
            .find("v1", "Pod")
            .orElseThrow(() -> ClusterException.failed("the source does not serve Pods"));
    AtomicInteger running = new AtomicInteger();
    source
        .live()
        .forEach(
            pods,
            namespace,
            selector.toString(),
            500,
            pod -> {
              String phase = pod.path("status").path("phase").asText("");
              if (!phase.equals("Succeeded") && !phase.equals("Failed")) {
                running.incrementAndGet();
              }
            });
    return running.get();
  }

  private static ObjectNode identity(MigrationItem item) {
    ObjectNode change = JsonNodeFactory.instance.objectNode();
    change.put("apiVersion", item.apiVersion());
    change.put("kind", item.key().kind());
    ObjectNode metadata = change.putObject("metadata");
    metadata.put("name", item.key().name());
    if (!item.key().namespace().isEmpty()) {
      metadata.put("namespace", item.key().namespace());
    }
    return change;
  }
}
