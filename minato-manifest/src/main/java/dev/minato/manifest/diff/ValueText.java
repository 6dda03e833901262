package dev.minato.manifest.diff;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A value on one line, in YAML's flow style: {@code nginx:1.27}, {@code {name: DEBUG, value: "1"}},
 * {@code [--verbose, --port=80]}. A string is quoted when plain text would read as something else:
 * a number, a boolean, empty, surrounding spaces, control characters, or the punctuation of the
 * flow style itself.
 */
final class ValueText {

  private static final Pattern NUMBER_LIKE =
      Pattern.compile(
          "[-+]?(\\.[0-9]+|[0-9][0-9_]*(\\.[0-9]*)?)([eE][-+]?[0-9]+)?"
              + "|0x[0-9a-fA-F]+|0o[0-7]+|[-+]?\\.(inf|Inf|INF)|\\.(nan|NaN|NAN)");
  private static final Pattern PLAIN_KEY = Pattern.compile("[A-Za-z0-9_.$/-]+");
  private static final Set<String> WORDS =
      Set.of("true", "false", "null", "~", "yes", "no", "on", "off", "True", "False", "Null");

  private ValueText() {}

  static String of(JsonNode value) {
    StringBuilder out = new StringBuilder();
    append(value, out);
    return out.toString();
  }

  private static void append(JsonNode value, StringBuilder out) {
    if (value.isObject()) {
      out.append('{');
      Iterator<Map.Entry<String, JsonNode>> fields = value.fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> field = fields.next();
        String key = field.getKey();
        out.append(PLAIN_KEY.matcher(key).matches() ? key : Quoting.json(key)).append(": ");
        append(field.getValue(), out);
        if (fields.hasNext()) {
          out.append(", ");
        }
      }
      out.append('}');
    } else if (value.isArray()) {
      out.append('[');
      for (int i = 0; i < value.size(); i++) {
        if (i > 0) {
          out.append(", ");
        }
        append(value.get(i), out);
      }
      out.append(']');
    } else if (value.isTextual()) {
      String text = value.asText();
      out.append(plain(text) ? text : Quoting.json(text));
    } else {
      out.append(value.isNull() ? "null" : value.asText());
    }
  }

  private static boolean plain(String text) {
    if (text.isEmpty()
        || WORDS.contains(text)
        || NUMBER_LIKE.matcher(text).matches()
        || !text.strip().equals(text)
        || "{[\"'&!|>%@`#?".indexOf(text.charAt(0)) >= 0
        || text.equals("-")
        || text.startsWith("- ")) {
      return false;
    }
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < 0x20 || c == ',' || c == '{' || c == '}' || c == '[' || c == ']' || c == '"') {
        return false;
      }
    }
    return !text.contains(": ") && !text.contains(" #") && !text.contains(" → ");
  }
}
