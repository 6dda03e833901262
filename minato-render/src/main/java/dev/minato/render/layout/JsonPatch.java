package dev.minato.render.layout;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.minato.manifest.JsonPointers;
import java.util.Iterator;

/**
 * Computes an RFC 6902 JSON patch that turns one tree into another. Overlays use these patches
 * because they are exact: kustomize applies them without merge-key guesswork, and a test proves
 * base + patch equals what the flat layout renders for the same environment.
 */
final class JsonPatch {

  private JsonPatch() {}

  static ArrayNode diff(JsonNode from, JsonNode to) {
    ArrayNode ops = JsonNodeFactory.instance.arrayNode();
    diff(from, to, "", ops);
    return ops;
  }

  private static void diff(JsonNode from, JsonNode to, String path, ArrayNode ops) {
    if (from.equals(to)) {
      return;
    }
    if (from.isObject() && to.isObject()) {
      for (Iterator<String> it = from.fieldNames(); it.hasNext(); ) {
        String name = it.next();
        if (!to.has(name)) {
          ops.addObject().put("op", "remove").put("path", JsonPointers.child(path, name));
        }
      }
      for (Iterator<String> it = to.fieldNames(); it.hasNext(); ) {
        String name = it.next();
        String child = JsonPointers.child(path, name);
        if (from.has(name)) {
          diff(from.get(name), to.get(name), child, ops);
        } else {
          add(ops, "add", child, to.get(name));
        }
      }
      return;
    }
    if (from.isArray() && to.isArray() && from.size() == to.size()) {
      for (int i = 0; i < from.size(); i++) {
        diff(from.get(i), to.get(i), JsonPointers.child(path, i), ops);
      }
      return;
    }
    add(ops, "replace", path, to);
  }

  private static void add(ArrayNode ops, String op, String path, JsonNode value) {
    ObjectNode operation = ops.addObject().put("op", op).put("path", path);
    operation.set("value", value.deepCopy());
  }
}
