package dev.minato.cluster.migrate;

import com.fasterxml.jackson.databind.JsonNode;
import dev.minato.cluster.objects.Readiness;
import dev.minato.cluster.sandbox.Emulator;
import dev.minato.cluster.sandbox.StoredChange;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Everything two emulators stored, in one order: each change is recorded while the emulator stores
 * it, so the order is the order in which the clusters changed.
 */
final class Timeline {

  /** One stored change as the invariants need it. */
  record Moment(
      long at, String cluster, String key, boolean exists, boolean active, boolean ready) {}

  private final AtomicLong clock = new AtomicLong();
  private final List<Moment> moments = new ArrayList<>();

  void watch(String cluster, Emulator emulator) {
    emulator.onChange(change -> record(cluster, change));
  }

  private synchronized void record(String cluster, StoredChange change) {
    String key = change.kind() + "/" + change.namespace() + "/" + change.name();
    boolean exists = change.object().isPresent();
    JsonNode object = change.object().orElse(null);
    moments.add(
        new Moment(
            clock.incrementAndGet(),
            cluster,
            key,
            exists,
            exists && active(object),
            exists && Readiness.isReady(object)));
  }

  /** Whether the workload may run pods: replicas above zero, or a CronJob not suspended. */
  static boolean active(JsonNode object) {
    return switch (object.path("kind").asText()) {
      case "Deployment", "StatefulSet", "ReplicaSet" ->
          object.path("spec").path("replicas").asInt(1) > 0;
      case "CronJob" -> !object.path("spec").path("suspend").asBoolean(false);
      default -> true;
    };
  }

  /**
   * The cluster was restarted with its storage lost ({@code fresh} serves it now): everything it
   * held is gone at this moment.
   */
  synchronized void restarted(String cluster, Emulator fresh) {
    java.util.Map<String, Moment> last = new java.util.LinkedHashMap<>();
    moments.stream().filter(m -> m.cluster().equals(cluster)).forEach(m -> last.put(m.key(), m));
    last.values().stream()
        .filter(Moment::exists)
        .forEach(
            m ->
                moments.add(
                    new Moment(clock.incrementAndGet(), cluster, m.key(), false, false, false)));
    watch(cluster, fresh);
  }

  synchronized List<Moment> moments() {
    return List.copyOf(moments);
  }

  /** Whether the workload was ever active in both clusters at the same moment. */
  synchronized boolean everActiveInBoth(String key) {
    boolean source = false;
    boolean target = false;
    for (Moment moment : moments) {
      if (!moment.key().equals(key)) {
        continue;
      }
      if (moment.cluster().equals("source")) {
        source = moment.active();
      } else {
        target = moment.active();
      }
      if (source && target) {
        return true;
      }
    }
    return false;
  }

  /** When the workload first became ready on the target, or MAX_VALUE. */
  synchronized long firstReadyOnTarget(String key) {
    return moments.stream()
        .filter(m -> m.cluster().equals("target") && m.key().equals(key) && m.ready())
        .mapToLong(Moment::at)
        .min()
        .orElse(Long.MAX_VALUE);
  }

  /** When anything was first deleted from the source, or MAX_VALUE. */
  synchronized long firstRemovalFromSource() {
    return moments.stream()
        .filter(m -> m.cluster().equals("source") && !m.exists())
        .mapToLong(Moment::at)
        .min()
        .orElse(Long.MAX_VALUE);
  }

  /** Whether the key was ever active on the source after time {@code at}. */
  synchronized boolean activeOnSourceAfter(String key, long at) {
    return moments.stream()
        .anyMatch(
            m -> m.at() > at && m.cluster().equals("source") && m.key().equals(key) && m.active());
  }

  synchronized List<Moment> of(String key) {
    List<Moment> list = new ArrayList<>();
    moments.stream().filter(m -> m.key().equals(key)).forEach(list::add);
    return list;
  }
}
