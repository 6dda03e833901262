package dev.minato.spec;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where an app's pods may and should run. {@code nodeSelector}, {@code tolerations} and {@code
 * priorityClassName} apply to every pod of the app (its workload and its jobs); the topology spread
 * applies to the long-running workload only.
 */
public record Scheduling(
    Map<String, String> nodeSelector,
    List<Toleration> tolerations,
    Optional<String> priorityClassName,
    TopologySpread topologySpread) {

  /** Nothing but the default spread: what a spec without scheduling fields gets. */
  public static Scheduling defaults() {
    return new Scheduling(Map.of(), List.of(), Optional.empty(), TopologySpread.DEFAULT);
  }
}
