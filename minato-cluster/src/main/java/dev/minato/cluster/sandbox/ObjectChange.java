package dev.minato.cluster.sandbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.mockwebserver.crud.AttributeSet;
import java.util.Optional;

/**
 * One stored change as a watch sees it: the object before and after (either may be absent), each
 * with the attributes fabric8's mock matches selectors against, and the resourceVersion the change
 * got. What a watch is sent depends on its selector, as with a real API server: an object that
 * starts matching is ADDED, one that stops matching is DELETED (its last state, carrying this
 * change's version), one that matches before and after is MODIFIED.
 */
record ObjectChange(
    long version,
    String resource,
    AttributeSet beforeAttributes,
    String before,
    AttributeSet afterAttributes,
    String after) {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** The watch event a watch with {@code query} gets for this change, if any. */
  Optional<String> eventFor(AttributeSet query) {
    boolean matchedBefore = before != null && beforeAttributes.matches(query);
    boolean matchesAfter = after != null && afterAttributes.matches(query);
    if (matchesAfter) {
      return Optional.of(event(matchedBefore ? "MODIFIED" : "ADDED", after));
    }
    if (matchedBefore) {
      return Optional.of(event("DELETED", versioned(before, version)));
    }
    return Optional.empty();
  }

  /** A watch event frame around an object already written as JSON. */
  static String event(String type, String object) {
    return "{\"type\":\"" + type + "\",\"object\":" + object + "}";
  }

  /** {@code object} with {@code version} as its resourceVersion. */
  static String versioned(String object, long version) {
    try {
      ObjectNode tree = (ObjectNode) JSON.readTree(object);
      tree.withObject("/metadata").put("resourceVersion", String.valueOf(version));
      return JSON.writeValueAsString(tree);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("the emulator stored invalid JSON", e);
    }
  }
}
