package dev.minato.cluster.sandbox;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The status the emulator writes in place of the controllers it does not have. A real cluster
 * reports readiness only after pods started; the emulator declares a workload ready the moment it
 * is stored, and never creates pods. Exactly this is emulated:
 *
 * <ul>
 *   <li>Deployment, StatefulSet, ReplicaSet: {@code replicas}, {@code readyReplicas}, {@code
 *       availableReplicas}, {@code updatedReplicas} and (StatefulSet) {@code currentReplicas} equal
 *       {@code spec.replicas} (default 1); {@code observedGeneration} equals the generation.
 *   <li>DaemonSet: zero nodes, so every count is 0 and it is ready at once.
 *   <li>CustomResourceDefinition: conditions {@code NamesAccepted} and {@code Established} true.
 * </ul>
 */
final class EmulatedStatus {

  private EmulatedStatus() {}

  /** Writes the emulated status into {@code object}; returns whether the kind has one. */
  static boolean apply(ObjectNode object) {
    String kind = object.path("kind").asText();
    long generation = object.path("metadata").path("generation").asLong(1);
    switch (kind) {
      case "Deployment", "StatefulSet", "ReplicaSet" -> {
        int replicas = object.path("spec").path("replicas").asInt(1);
        ObjectNode status = object.putObject("status");
        status.put("observedGeneration", generation);
        status.put("replicas", replicas);
        status.put("readyReplicas", replicas);
        status.put("availableReplicas", replicas);
        status.put("updatedReplicas", replicas);
        if (kind.equals("StatefulSet")) {
          status.put("currentReplicas", replicas);
        }
        return true;
      }
      case "DaemonSet" -> {
        ObjectNode status = object.putObject("status");
        status.put("observedGeneration", generation);
        status.put("desiredNumberScheduled", 0);
        status.put("currentNumberScheduled", 0);
        status.put("numberReady", 0);
        status.put("updatedNumberScheduled", 0);
        status.put("numberMisscheduled", 0);
        return true;
      }
      case "CustomResourceDefinition" -> {
        ObjectNode status = object.putObject("status");
        ArrayNode conditions = status.putArray("conditions");
        conditions.addObject().put("type", "NamesAccepted").put("status", "True");
        conditions.addObject().put("type", "Established").put("status", "True");
        status.set("acceptedNames", object.path("spec").path("names").deepCopy());
        return true;
      }
      default -> {
        return false;
      }
    }
  }
}
