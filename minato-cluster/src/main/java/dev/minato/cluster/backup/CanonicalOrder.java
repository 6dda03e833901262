package dev.minato.cluster.backup;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * One key order for every object, whatever order the server sent: {@code apiVersion}, {@code kind},
 * {@code metadata} (name and namespace first), then everything alphabetically, as {@code kubectl
 * get -o yaml} does. Equal objects from two clusters then give byte-identical files.
 */
public final class CanonicalOrder {

  private static final List<String> TOP = List.of("apiVersion", "kind", "metadata");
  private static final List<String> METADATA = List.of("name", "namespace");

  private CanonicalOrder() {}

  public static ObjectNode of(ObjectNode object) {
    ObjectNode result = JsonNodeFactory.instance.objectNode();
    for (String key : TOP) {
      if (object.has(key)) {
        result.set(
            key,
            key.equals("metadata")
                ? sorted(object.get(key), METADATA)
                : object.get(key).deepCopy());
      }
    }
    ObjectNode rest = sorted(object, List.of());
    rest.fields()
        .forEachRemaining(
            e -> {
              if (!TOP.contains(e.getKey())) {
                result.set(e.getKey(), e.getValue());
              }
            });
    return result;
  }

  private static ObjectNode sorted(JsonNode node, List<String> first) {
    ObjectNode result = JsonNodeFactory.instance.objectNode();
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    names.sort(String::compareTo);
    for (String key : first) {
      if (node.has(key)) {
        result.set(key, sortedValue(node.get(key)));
      }
    }
    for (String key : names) {
      if (!first.contains(key)) {
        result.set(key, sortedValue(node.get(key)));
      }
    }
    return result;
  }

  private static JsonNode sortedValue(JsonNode value) {
    if (value.isObject()) {
      return sorted(value, List.of());
    }
    if (value.isArray()) {
      ArrayNode array = JsonNodeFactory.instance.arrayNode();
      value.forEach(item -> array.add(sortedValue(item)));
      return array;
    }
    return value;
  }
}
