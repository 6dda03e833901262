package dev.minato.check;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A field's path that survives edits elsewhere in the object: array elements that have a {@code
 * name} are addressed by it ({@code spec.template.spec.containers[web].image}), so reordering
 * containers or adding an env var does not change a baseline fingerprint.
 */
final class FieldPath {

  private FieldPath() {}

  static String stable(JsonNode root, String pointer) {
    if (pointer.isEmpty()) {
      return "";
    }
    StringBuilder path = new StringBuilder();
    JsonNode node = root;
    for (String raw : pointer.substring(1).split("/", -1)) {
      String segment = raw.replace("~1", "/").replace("~0", "~");
      if (node.isArray() && segment.chars().allMatch(Character::isDigit)) {
        JsonNode element = node.path(Integer.parseInt(segment));
        String name = element.path("name").asText("");
        path.append('[').append(name.isEmpty() ? segment : name).append(']');
        node = element;
      } else {
        if (path.length() > 0) {
          path.append('.');
        }
        path.append(segment);
        node = node.path(segment);
      }
    }
    return path.toString();
  }
}
