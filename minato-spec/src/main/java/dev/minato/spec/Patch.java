package dev.minato.spec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.minato.manifest.SourcePosition;
import java.util.List;
import java.util.Optional;

/**
 * A change to one object minato renders, applied after every default: the way out when the spec
 * cannot say something yet. Either RFC 6902 {@code operations} or a {@code merge} tree (exactly
 * one). {@code field} names it in messages ({@code spec.patches[0]}, {@code
 * environments.prd.patches[1]}); {@code inherited} is true for the base spec's patches as an
 * environment sees them.
 */
public record Patch(
    String kind,
    Optional<String> name,
    SourcePosition targetPosition,
    List<Operation> operations,
    Optional<ObjectNode> merge,
    SourcePosition position,
    String field,
    boolean inherited) {

  /** The kinds minato renders, the only ones a patch can target. */
  public static final List<String> KINDS =
      List.of(
          "ConfigMap",
          "Service",
          "Deployment",
          "PodDisruptionBudget",
          "HorizontalPodAutoscaler",
          "CronJob",
          "Job",
          "Ingress",
          "ServiceMonitor",
          "PrometheusRule",
          "StatefulSet",
          "ServiceAccount");

  /** The operations of RFC 6902, as written in a patch. */
  public static final List<String> OPS =
      List.of("add", "remove", "replace", "move", "copy", "test");

  /**
   * One RFC 6902 operation as written ({@code json} is what is applied), with where it was written.
   */
  public record Operation(ObjectNode json, SourcePosition position, String field) {

    public String op() {
      return json.path("op").asText();
    }

    public String path() {
      return json.path("path").asText();
    }

    public Optional<JsonNode> value() {
      return Optional.ofNullable(json.get("value"));
    }
  }

  /** This patch as an environment inherits it from the base spec. */
  public Patch asInherited() {
    return new Patch(kind, name, targetPosition, operations, merge, position, field, true);
  }
}
