package dev.minato.secrets.sops;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;

/** JSON as SOPS's JSON store writes it: tab indentation, {@code "key": value}, a final newline. */
final class SopsJsonWriter {

  private SopsJsonWriter() {}

  static String write(JsonNode tree) {
    StringBuilder out = new StringBuilder();
    value(tree, 0, out);
    return out.append('\n').toString();
  }

  private static void value(JsonNode node, int depth, StringBuilder out) {
    if (node.isObject()) {
      if (node.isEmpty()) {
        out.append("{}");
        return;
      }
      out.append("{\n");
      Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> field = fields.next();
        out.append("\t".repeat(depth + 1));
        string(field.getKey(), out);
        out.append(": ");
        value(field.getValue(), depth + 1, out);
        out.append(fields.hasNext() ? ",\n" : "\n");
      }
      out.append("\t".repeat(depth)).append('}');
    } else if (node.isArray()) {
      if (node.isEmpty()) {
        out.append("[]");
        return;
      }
      out.append("[\n");
      for (int i = 0; i < node.size(); i++) {
        out.append("\t".repeat(depth + 1));
        value(node.get(i), depth + 1, out);
        out.append(i + 1 < node.size() ? ",\n" : "\n");
      }
      out.append("\t".repeat(depth)).append(']');
    } else if (node.isTextual()) {
      string(node.asText(), out);
    } else if (node.isNumber() && !node.isIntegralNumber()) {
      out.append(SopsDocument.goFloat(node.doubleValue()));
    } else {
      out.append(node.toString());
    }
  }

  /** Go's encoding/json escaping, HTML-safe characters included. */
  private static void string(String text, StringBuilder out) {
    out.append('"');
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        case '<', '>', '&', '\u2028', '\u2029' -> out.append(String.format("\\u%04x", (int) c));
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }
}
