package dev.minato.spec;

import dev.minato.manifest.JsonPointers;
import dev.minato.manifest.Positions;
import dev.minato.manifest.SourcePosition;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One application as its minato.yaml describes it: the base spec and each environment's version of
 * it. {@code source} points at the document and {@code positions} at every field in it, so later
 * steps (NodePort allocation, the load balancer) can point at the line a problem comes from.
 */
public record App(
    String name,
    Optional<String> team,
    Optional<String> namespace,
    Map<String, String> labels,
    AppSpec spec,
    List<Environment> environments,
    SourcePosition source,
    Positions positions) {

  /** The environment used when a spec declares none. */
  public static final String DEFAULT_ENVIRONMENT = "default";

  /** This app with other versions of its spec (assigned NodePorts, say). */
  public App withSpecs(AppSpec newSpec, List<Environment> newEnvironments) {
    return new App(
        name, team, namespace, labels, newSpec, List.copyOf(newEnvironments), source, positions);
  }

  /**
   * Where a field of an environment's spec was written: the environment's override when it has one,
   * else the base spec ({@code specPointer} is under {@code spec}, as {@code /expose/nodePort});
   * the nearest enclosing field when neither writes it.
   */
  public SourcePosition specPosition(String environment, String specPointer) {
    return positions
        .exactValue(JsonPointers.child("/environments", environment) + specPointer)
        .orElseGet(() -> positions.value("/spec" + specPointer));
  }
}
