package dev.minato.render.objects;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Map;

/**
 * A strategic-merge-style patch on Jackson trees, the {@code merge} form of a spec patch. Mappings
 * merge key by key and {@code null} removes a key. Lists named {@code containers}, {@code
 * initContainers}, {@code env}, {@code ports}, {@code volumes} and {@code volumeMounts} merge
 * element by element on a merge key ({@code mountPath} for volume mounts, {@code name} for the
 * rest): an element with a known key merges into the existing one, {@code $patch: delete} removes
 * it, a new one is appended. Every other list replaces the whole list. This is a subset of
 * kubectl's strategic merge, which takes per-field strategies and keys from the API schema (ports
 * of a container merge on containerPort there, tolerations replace, and it knows directives such as
 * {@code $retainKeys} and {@code $setElementOrder}).
 */
final class MergePatch {

  private static final Map<String, String> MERGE_KEYS =
      Map.of(
          "containers", "name",
          "initContainers", "name",
          "env", "name",
          "ports", "name",
          "volumes", "name",
          "volumeMounts", "mountPath");
  private static final String DIRECTIVE = "$patch";

  private MergePatch() {}

  static ObjectNode apply(ObjectNode target, ObjectNode patch) {
    ObjectNode merged = target.deepCopy();
    mergeInto(merged, patch);
    return merged;
  }

  private static void mergeInto(ObjectNode target, ObjectNode patch) {
    for (Iterator<Map.Entry<String, JsonNode>> it = patch.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> entry = it.next();
      String key = entry.getKey();
      JsonNode value = entry.getValue();
      JsonNode existing = target.get(key);
      if (value.isNull()) {
        target.remove(key);
      } else if (existing instanceof ObjectNode existingObject && value.isObject()) {
        mergeInto(existingObject, (ObjectNode) value);
      } else if (existing instanceof ArrayNode existingList
          && value.isArray()
          && MERGE_KEYS.containsKey(key)) {
        mergeList(existingList, (ArrayNode) value, MERGE_KEYS.get(key));
      } else {
        target.set(key, withoutDirectives(value));
      }
    }
  }

  private static void mergeList(ArrayNode target, ArrayNode patch, String mergeKey) {
    for (JsonNode element : patch) {
      int index = indexOf(target, element, mergeKey);
      boolean delete = "delete".equals(element.path(DIRECTIVE).asText());
      if (index < 0) {
        if (!delete) {
          target.add(withoutDirectives(element));
        }
      } else if (delete) {
        target.remove(index);
      } else if (target.get(index) instanceof ObjectNode existing && element.isObject()) {
        mergeInto(existing, (ObjectNode) element);
      } else {
        target.set(index, withoutDirectives(element));
      }
    }
  }

  private static int indexOf(ArrayNode list, JsonNode element, String mergeKey) {
    JsonNode key = element.get(mergeKey);
    if (key == null || !element.isObject()) {
      return -1;
    }
    for (int i = 0; i < list.size(); i++) {
      if (key.equals(list.get(i).get(mergeKey))) {
        return i;
      }
    }
    return -1;
  }

  /** A value set as a whole keeps no merge directives (they would reach the API server). */
  private static JsonNode withoutDirectives(JsonNode value) {
    JsonNode copy = value.deepCopy();
    strip(copy);
    return copy;
  }

  /** Removes directives; an element deleting what is not there is simply dropped. */
  private static void strip(JsonNode node) {
    if (node instanceof ObjectNode object) {
      object.remove(DIRECTIVE);
    } else if (node instanceof ArrayNode list) {
      for (int i = list.size() - 1; i >= 0; i--) {
        if ("delete".equals(list.get(i).path(DIRECTIVE).asText())) {
          list.remove(i);
        }
      }
    }
    node.forEach(MergePatch::strip);
  }
}
