package dev.minato.cluster.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The emulator's approximation of server-side apply. A field manager owns the fields it applied;
 * applying again merges the new configuration into the live object (maps merge key by key, lists
 * and scalars are replaced whole) and removes the fields the same manager applied before but no
 * longer sends. Fields set by other managers stay. Unlike a real API server there is no conflict
 * detection (every apply behaves as {@code force=true}) and lists are atomic: there is no merge by
 * key of list items such as containers.
 */
final class ServerSideApply {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private ServerSideApply() {}

  /** The object to create when nothing exists yet: the applied config plus its managed fields. */
  static ObjectNode created(ObjectNode applied, String manager) {
    ObjectNode result = applied.deepCopy();
    setManagedFields(result, List.of(), manager, applied);
    return result;
  }

  /** The live object after {@code manager} applied {@code applied} to {@code current}. */
  static ObjectNode merged(ObjectNode current, ObjectNode applied, String manager) {
    ObjectNode result = current.deepCopy();
    ObjectNode previous = ownedFields(current, manager);
    ObjectNode now = fieldsOf(applied);
    removeDropped(result, previous, now);
    mergeInto(result, applied);
    List<JsonNode> others = new ArrayList<>();
    for (JsonNode entry : current.path("metadata").path("managedFields")) {
      if (!isApplyBy(entry, manager)) {
        others.add(entry);
      }
    }
    setManagedFields(result, others, manager, applied);
    return result;
  }

  /** The fields {@code manager} applied last time, as a FieldsV1 tree; empty when none. */
  static ObjectNode ownedFields(ObjectNode live, String manager) {
    for (JsonNode entry : live.path("metadata").path("managedFields")) {
      if (isApplyBy(entry, manager) && entry.path("fieldsV1").isObject()) {
        return (ObjectNode) entry.get("fieldsV1");
      }
    }
    return NODES.objectNode();
  }

  /**
   * The FieldsV1 tree of an applied configuration: {@code f:<key>} for every map key, {@code {}}
   * for leaves and (atomic) lists. Identity fields are not owned, as on a real server.
   */
  static ObjectNode fieldsOf(JsonNode applied) {
    ObjectNode fields = NODES.objectNode();
    Iterator<Map.Entry<String, JsonNode>> it = applied.fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> field = it.next();
      String key = field.getKey();
      if (applied.has("apiVersion") && (key.equals("apiVersion") || key.equals("kind"))) {
        continue;
      }
      JsonNode value = field.getValue();
      if (value.isObject() && key.equals("metadata") && applied.has("kind")) {
        ObjectNode metadata = ((ObjectNode) value).deepCopy();
        metadata.remove(List.of("name", "namespace", "managedFields", "resourceVersion", "uid"));
        if (!metadata.isEmpty()) {
          fields.set("f:metadata", fieldsOf(metadata));
        }
      } else if (value.isObject() && !value.isEmpty()) {
        fields.set("f:" + key, fieldsOf(value));
      } else {
        fields.set("f:" + key, NODES.objectNode());
      }
    }
    return fields;
  }

  private static boolean isApplyBy(JsonNode entry, String manager) {
    return manager.equals(entry.path("manager").asText())
        && "Apply".equals(entry.path("operation").asText());
  }

  /**
   * Removes from {@code target} the leaves owned in {@code previous} but absent from {@code now}.
   */
  private static void removeDropped(ObjectNode target, ObjectNode previous, ObjectNode now) {
    Iterator<Map.Entry<String, JsonNode>> it = previous.fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> field = it.next();
      String name = field.getKey().startsWith("f:") ? field.getKey().substring(2) : null;
      if (name == null) {
        continue;
      }
      JsonNode still = now.get(field.getKey());
      if (still == null) {
        target.remove(name);
      } else if (!field.getValue().isEmpty()
          && still.isObject()
          && target.get(name) instanceof ObjectNode child) {
        removeDropped(child, (ObjectNode) field.getValue(), (ObjectNode) still);
      }
    }
  }

  private static void mergeInto(ObjectNode target, ObjectNode source) {
    Iterator<Map.Entry<String, JsonNode>> it = source.fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> field = it.next();
      JsonNode value = field.getValue();
      if (value.isObject() && target.get(field.getKey()) instanceof ObjectNode existing) {
        mergeInto(existing, (ObjectNode) value);
      } else {
        target.set(field.getKey(), value.deepCopy());
      }
    }
  }

  private static void setManagedFields(
      ObjectNode object, List<JsonNode> others, String manager, ObjectNode applied) {
    ArrayNode managed = NODES.arrayNode();
    others.forEach(managed::add);
    ObjectNode entry = managed.addObject();
    entry.put("manager", manager);
    entry.put("operation", "Apply");
    entry.put("apiVersion", applied.path("apiVersion").asText());
    entry.put("fieldsType", "FieldsV1");
    entry.set("fieldsV1", fieldsOf(applied));
    object.withObject("/metadata").set("managedFields", managed);
  }
}
