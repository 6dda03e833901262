package dev.minato.cluster.objects;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Set;

/**
 * Whether a workload finished rolling out, from its status, with the rules kubectl's rollout status
 * uses. Kinds without a rollout are ready as soon as they exist.
 */
public final class Readiness {

  private static final Set<String> ROLLED_OUT = Set.of("Deployment", "StatefulSet", "DaemonSet");

  private Readiness() {}

  /** Whether {@code --wait} has something to follow for this kind. */
  public static boolean hasRollout(String kind) {
    return ROLLED_OUT.contains(kind);
  }

  public static boolean isReady(JsonNode object) {
    String kind = object.path("kind").asText();
    JsonNode status = object.path("status");
    long generation = object.path("metadata").path("generation").asLong(0);
    boolean observed = status.path("observedGeneration").asLong(-1) >= generation;
    switch (kind) {
      case "Deployment" -> {
        int replicas = object.path("spec").path("replicas").asInt(1);
        return observed
            && status.path("updatedReplicas").asInt(0) >= replicas
            && status.path("availableReplicas").asInt(0) >= replicas
            && status.path("readyReplicas").asInt(0) >= replicas;
      }
      case "StatefulSet" -> {
        int replicas = object.path("spec").path("replicas").asInt(1);
        return observed
            && status.path("readyReplicas").asInt(0) >= replicas
            && status.path("updatedReplicas").asInt(0) >= replicas;
      }
      case "DaemonSet" -> {
        int desired = status.path("desiredNumberScheduled").asInt(0);
        return observed
            && status.path("numberReady").asInt(0) >= desired
            && status.path("updatedNumberScheduled").asInt(0) >= desired;
      }
      default -> {
        return true;
      }
    }
  }
}
