package dev.minato.render.objects;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.minato.spec.Scheduling;
import dev.minato.spec.Toleration;
import dev.minato.spec.TopologySpread;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where pods run: node selection, tolerations and priority for every pod of an app, and the
 * topology spread of a long-running workload (a Deployment now, a StatefulSet alike).
 */
final class PodScheduling {

  /**
   * The label a Deployment's ReplicaSet puts on its pods. Spreading per value of it counts only the
   * pods of the current revision, so a rollout ends balanced instead of balanced together with the
   * pods it has just removed (Kubernetes' own recommendation for Deployments).
   */
  static final String DEPLOYMENT_REVISION = "pod-template-hash";

  private PodScheduling() {}

  /** Adds node selection, tolerations and priority to a pod spec. */
  static void place(ObjectNode pod, Scheduling scheduling) {
    if (!scheduling.nodeSelector().isEmpty()) {
      pod.set("nodeSelector", Trees.map(scheduling.nodeSelector()));
    }
    if (!scheduling.tolerations().isEmpty()) {
      ArrayNode tolerations = pod.putArray("tolerations");
      for (Toleration t : scheduling.tolerations()) {
        ObjectNode node = tolerations.addObject();
        t.key().ifPresent(k -> node.put("key", k));
        node.put("operator", t.operator().spelling());
        t.value().ifPresent(v -> node.put("value", v));
        t.effect().ifPresent(e -> node.put("effect", e.spelling()));
        // As small a number node as the value fits, like a YAML reader's, so trees compare equal.
        t.tolerationSeconds()
            .ifPresent(
                s -> {
                  if (s == (int) s) {
                    node.put("tolerationSeconds", (int) s);
                  } else {
                    node.put("tolerationSeconds", s);
                  }
                });
      }
    }
    scheduling.priorityClassName().ifPresent(p -> pod.put("priorityClassName", p));
  }

  /**
   * Adds the topology spread of a workload that may run {@code maxReplicas} pods selected by {@code
   * selector}; {@code revisionLabel} is the label that tells the workload's revisions apart, when
   * it has one.
   */
  static void spread(
      ObjectNode pod,
      TopologySpread spread,
      int maxReplicas,
      Map<String, String> selector,
      Optional<String> revisionLabel) {
    List<TopologySpread.Constraint> constraints = spread.forReplicas(maxReplicas);
    if (constraints.isEmpty()) {
      return;
    }
    ArrayNode array = pod.putArray("topologySpreadConstraints");
    for (TopologySpread.Constraint c : constraints) {
      ObjectNode node = array.addObject();
      node.put("maxSkew", c.maxSkew());
      node.put("topologyKey", c.topologyKey());
      node.put("whenUnsatisfiable", c.whenUnsatisfiable().spelling());
      node.putObject("labelSelector").set("matchLabels", Trees.map(selector));
      revisionLabel.ifPresent(label -> node.putArray("matchLabelKeys").add(label));
    }
  }
}
