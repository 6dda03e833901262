package dev.minato.manifest.diff;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A live object cut down to the fields a desired object sets, so that defaults and status the
 * server added are not reported as differences. Lists with a merge key keep every live element (an
 * element nobody declared, like a container added by hand, is a difference), each cut down to the
 * fields of its declared counterpart; other lists of objects are cut element by element when both
 * have the same length, and kept whole otherwise.
 */
final class Projection {

  private Projection() {}

  static JsonNode onto(JsonNode live, JsonNode desired) {
    return onto(live, desired, "");
  }

  private static JsonNode onto(JsonNode live, JsonNode desired, String field) {
    if (desired.isObject() && live.isObject()) {
      ObjectNode kept = JsonNodeFactory.instance.objectNode();
      desired
          .fieldNames()
          .forEachRemaining(
              name -> {
                if (live.has(name)) {
                  kept.set(name, onto(live.get(name), desired.get(name), name));
                }
              });
      return kept;
    }
    if (!desired.isArray() || !live.isArray()) {
      return live;
    }
    Optional<String> key = MergeKeys.of(field, live, desired);
    ArrayNode kept = JsonNodeFactory.instance.arrayNode();
    if (key.isPresent()) {
      Map<String, JsonNode> declared = new HashMap<>();
      desired.forEach(element -> declared.put(MergeKeys.valueOf(element, key.get()), element));
      for (JsonNode element : live) {
        JsonNode counterpart = declared.get(MergeKeys.valueOf(element, key.get()));
        kept.add(counterpart == null ? element : onto(element, counterpart, field));
      }
      return kept;
    }
    if (live.size() != desired.size()) {
      return live;
    }
    for (int i = 0; i < live.size(); i++) {
      kept.add(onto(live.get(i), desired.get(i), field));
    }
    return kept;
  }
}
