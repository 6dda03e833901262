package dev.minato.spec.read;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Map;

/**
 * Merges an environment's overrides into the base spec: mappings merge key by key, anything else (a
 * scalar, a list) replaces what the base had, and {@code null} removes the base's value.
 */
final class Overrides {

  private Overrides() {}

  static JsonNode merge(JsonNode base, JsonNode overrides) {
    if (!base.isObject() || !overrides.isObject()) {
      return overrides.deepCopy();
    }
    ObjectNode merged = ((ObjectNode) base).deepCopy();
    for (Iterator<Map.Entry<String, JsonNode>> it = overrides.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> entry = it.next();
      JsonNode value = entry.getValue();
      if (value.isNull()) {
        merged.remove(entry.getKey());
      } else if (merged.has(entry.getKey())) {
        merged.set(entry.getKey(), merge(merged.get(entry.getKey()), value));
      } else {
        merged.set(entry.getKey(), value.deepCopy());
      }
    }
    return merged;
  }
}
