package dev.minato.manifest.diff;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The fields that differ between two JSON trees, deepest first-differing field each: a changed
 * image is one change at {@code spec.template.spec.containers[app].image}, not a new containers
 * list. Maps are compared key by key in key order; lists of objects with a Kubernetes merge key
 * element by element of the same key ({@link MergeKeys}), other lists of objects by index; lists of
 * scalars ({@code args}, {@code command}) as one value, since a shifted index would read as several
 * unrelated changes. Numbers are equal when their values are ({@code 2} and {@code 2.0}).
 *
 * <p>Package-private on purpose: objects are compared through {@link ObjectDiff}, which masks
 * Secret values first.
 */
final class FieldDiff {

  private FieldDiff() {}

  /** The changes that turn {@code before} into {@code after}, in a stable order. */
  static List<FieldChange> between(JsonNode before, JsonNode after) {
    List<FieldChange> changes = new ArrayList<>();
    compare(FieldPath.ROOT, "", before, after, changes);
    return List.copyOf(changes);
  }

  private static void compare(
      FieldPath path, String field, JsonNode before, JsonNode after, List<FieldChange> out) {
    if (sameValue(before, after)) {
      return;
    }
    if (before.isMissingNode() || after.isMissingNode()) {
      out.add(new FieldChange(path, before, after));
    } else if (before.isObject() && after.isObject()) {
      TreeSet<String> keys = new TreeSet<>();
      before.fieldNames().forEachRemaining(keys::add);
      after.fieldNames().forEachRemaining(keys::add);
      for (String key : keys) {
        compare(path.field(key), key, before.path(key), after.path(key), out);
      }
    } else if (before.isArray() && after.isArray() && !(scalars(before) && scalars(after))) {
      compareLists(path, field, before, after, out);
    } else {
      out.add(new FieldChange(path, before, after));
    }
  }

  private static void compareLists(
      FieldPath path, String field, JsonNode before, JsonNode after, List<FieldChange> out) {
    Optional<String> key = MergeKeys.of(field, before, after);
    if (key.isEmpty()) {
      for (int i = 0; i < Math.max(before.size(), after.size()); i++) {
        compare(path.index(i), field, before.path(i), after.path(i), out);
      }
      return;
    }
    Map<String, JsonNode> old = byKey(before, key.get());
    Map<String, JsonNode> now = byKey(after, key.get());
    Map<String, JsonNode> order = new LinkedHashMap<>(now);
    old.forEach(order::putIfAbsent);
    for (String value : order.keySet()) {
      compare(
          path.element(key.get(), value),
          field,
          old.getOrDefault(value, MissingNode.getInstance()),
          now.getOrDefault(value, MissingNode.getInstance()),
          out);
    }
  }

  private static Map<String, JsonNode> byKey(JsonNode list, String key) {
    Map<String, JsonNode> elements = new LinkedHashMap<>();
    list.forEach(element -> elements.put(MergeKeys.valueOf(element, key), element));
    return elements;
  }

  private static boolean scalars(JsonNode list) {
    for (JsonNode element : list) {
      if (element.isContainerNode()) {
        return false;
      }
    }
    return true;
  }

  /** Equal trees, with numbers compared by value: YAML's {@code 2} and the server's {@code 2.0}. */
  static boolean sameValue(JsonNode a, JsonNode b) {
    if (a.isNumber() && b.isNumber()) {
      return a.decimalValue().compareTo(b.decimalValue()) == 0;
    }
    if (a.isContainerNode() && b.isContainerNode() && a.getNodeType() == b.getNodeType()) {
      if (a.size() != b.size()) {
        return false;
      }
      if (a.isArray()) {
        for (int i = 0; i < a.size(); i++) {
          if (!sameValue(a.get(i), b.get(i))) {
            return false;
          }
        }
        return true;
      }
      var fields = a.fields();
      while (fields.hasNext()) {
        var field = fields.next();
        JsonNode other = b.get(field.getKey());
        if (other == null || !sameValue(field.getValue(), other)) {
          return false;
        }
      }
      return true;
    }
    return a.equals(b);
  }
}
