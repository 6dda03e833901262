package dev.minato.render.objects;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;

/** Building the Jackson trees of Kubernetes objects; key order is insertion order. */
final class Trees {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private Trees() {}

  static ObjectNode object() {
    return NODES.objectNode();
  }

  static ArrayNode array() {
    return NODES.arrayNode();
  }

  static ArrayNode strings(List<String> values) {
    ArrayNode array = array();
    values.forEach(array::add);
    return array;
  }

  static ObjectNode map(Map<String, String> values) {
    ObjectNode node = object();
    values.forEach(node::put);
    return node;
  }

  /** {@code apiVersion}, {@code kind} and {@code metadata} with name, labels and annotations. */
  static ObjectNode header(
      String apiVersion,
      String kind,
      String name,
      Map<String, String> labels,
      Map<String, String> annotations) {
    ObjectNode object = object().put("apiVersion", apiVersion).put("kind", kind);
    ObjectNode metadata = object.putObject("metadata").put("name", name);
    metadata.set("labels", map(labels));
    if (!annotations.isEmpty()) {
      metadata.set("annotations", map(annotations));
    }
    return object;
  }
}
