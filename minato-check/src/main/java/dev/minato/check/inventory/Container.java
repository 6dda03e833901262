package dev.minato.check.inventory;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One container of a pod template, with the JSON pointer it lives at so findings can point at the
 * exact field. {@code init} marks init containers, which run to completion and never serve.
 */
public record Container(String pointer, JsonNode node, boolean init) {

  public String name() {
    return node.path("name").asText("");
  }

  public JsonNode path(String field) {
    return node.path(field);
  }

  /** The pointer of a field below this container ({@code /livenessProbe/periodSeconds}). */
  public String pointer(String relative) {
    return pointer + relative;
  }

  /** Declared container ports: serving containers are the ones that declare some. */
  public boolean declaresPorts() {
    return node.path("ports").isArray() && !node.path("ports").isEmpty();
  }
}
