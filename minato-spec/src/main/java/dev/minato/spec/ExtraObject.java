package dev.minato.spec;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.minato.manifest.SourcePosition;

/**
 * A Kubernetes object written in full in the spec ({@code extraObjects}), rendered beside minato's
 * own with the same namespace and environment label. {@code field} names it in messages.
 */
public record ExtraObject(ObjectNode object, SourcePosition position, String field) {

  public String kind() {
    return object.path("kind").asText();
  }

  public String name() {
    return object.path("metadata").path("name").asText();
  }
}
