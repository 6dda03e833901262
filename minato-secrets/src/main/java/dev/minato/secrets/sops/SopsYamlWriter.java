package dev.minato.secrets.sops;

import com.fasterxml.jackson.databind.JsonNode;
import dev.minato.manifest.JsonPointers;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * YAML in the layout SOPS writes (go-yaml v3, indent 4): nested mappings and sequences indented by
 * four, list items as {@code - }, multi-line strings as literal blocks (the armored age keys), and
 * a string quoted only where a plain scalar would read back as something else.
 */
final class SopsYamlWriter {

  private static final int INDENT = 4;
  private static final Pattern NOT_A_STRING =
      Pattern.compile(
          "~|null|Null|NULL|[yY]|yes|Yes|YES|[nN]|no|No|NO|true|True|TRUE|false|False|FALSE"
              + "|on|On|ON|off|Off|OFF|<<|="
              + "|[-+]?[0-9_]+(\\.[0-9_]*)?([eE][-+]?[0-9]+)?|[-+]?\\.[0-9_]+([eE][-+]?[0-9]+)?"
              + "|0x[0-9a-fA-F_]+|0o?[0-7_]+|0b[01_]+|[-+]?\\.(inf|Inf|INF)|\\.(nan|NaN|NAN)"
              + "|[0-9][0-9_]*(:[0-5]?[0-9])+(\\.[0-9_]*)?"
              + "|\\d{4}-\\d\\d?-\\d\\d?([Tt ].*)?");
  private static final String INDICATORS = "-?:,[]{}#&*!|>'\"%@`";

  static String write(JsonNode tree) {
    return write(tree, YamlComments.none());
  }

  /**
   * Writes {@code tree} with {@code comments}, each line as {@code #text} at the indentation of the
   * entry it precedes (SOPS writes them as head comments, store.go {@code addCommentsHead}).
   */
  static String write(JsonNode tree, YamlComments comments) {
    StringBuilder out = new StringBuilder();
    if (tree.isObject() && !tree.isEmpty()) {
      new SopsYamlWriter(comments, out).mapping(tree, "", 0, 0, false);
    } else {
      comment(comments.before("", 0), 0, out);
      out.append(flow(tree)).append('\n');
    }
    return out.toString();
  }

  private final YamlComments comments;
  private final StringBuilder out;

  private SopsYamlWriter(YamlComments comments, StringBuilder out) {
    this.comments = comments;
    this.out = out;
  }

  private static void comment(List<String> lines, int column, StringBuilder out) {
    for (String line : lines) {
      out.append(" ".repeat(column)).append('#').append(line).append('\n');
    }
  }

  /**
   * Writes a mapping's entries. {@code base} is the block's indentation level (children indent from
   * it); {@code keyColumn} is where keys start; the first key follows text already on the line when
   * {@code continued} (its comments were written before that line).
   */
  private void mapping(JsonNode node, String pointer, int base, int keyColumn, boolean continued) {
    Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
    int entry = 0;
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> field = fields.next();
      if (!(entry == 0 && continued)) {
        comment(comments.before(pointer, entry), keyColumn, out);
        out.append(" ".repeat(keyColumn));
      }
      out.append(scalar(field.getKey())).append(':');
      value(field.getValue(), JsonPointers.child(pointer, field.getKey()), base);
      entry++;
    }
    comment(comments.before(pointer, entry), keyColumn, out);
  }

  /** A value after {@code key:} (the colon already written) in a block at level {@code base}. */
  private void value(JsonNode value, String pointer, int base) {
    int child = base + INDENT;
    if (value.isObject() && !value.isEmpty()) {
      out.append('\n');
      mapping(value, pointer, child, child, false);
    } else if (value.isArray() && !value.isEmpty()) {
      out.append('\n');
      sequence(value, pointer, child);
    } else if (value.isTextual() && isBlock(value.asText())) {
      block(value.asText(), child, out);
    } else {
      out.append(' ').append(flow(value)).append('\n');
    }
  }

  private void sequence(JsonNode node, String pointer, int dashColumn) {
    int index = 0;
    for (JsonNode item : node) {
      comment(comments.before(pointer, index), dashColumn, out);
      String itemPointer = JsonPointers.child(pointer, index);
      boolean mappingItem = item.isObject() && !item.isEmpty();
      if (mappingItem) {
        // The first key shares the dash's line: its comments go above the dash, where a reader
        // finds them again in the same list, under the same key path.
        comment(comments.before(itemPointer, 0), dashColumn, out);
      }
      out.append(" ".repeat(dashColumn)).append('-');
      if (mappingItem) {
        out.append(' ');
        mapping(item, itemPointer, dashColumn, dashColumn + 2, true);
      } else if (item.isArray() && !item.isEmpty()) {
        out.append('\n');
        sequence(item, itemPointer, dashColumn + INDENT);
      } else if (item.isTextual() && isBlock(item.asText())) {
        block(item.asText(), dashColumn + INDENT, out);
      } else {
        out.append(' ').append(flow(item)).append('\n');
      }
      index++;
    }
    comment(comments.before(pointer, index), dashColumn, out);
  }

  private static boolean isBlock(String text) {
    if (!text.contains("\n") || text.startsWith(" ") || text.startsWith("\n")) {
      return false;
    }
    for (char c : text.toCharArray()) {
      if ((c < 0x20 && c != '\n') || c == 0x7f) {
        return false;
      }
    }
    return true;
  }

  private static void block(String text, int indent, StringBuilder out) {
    String chomping;
    String body;
    if (text.endsWith("\n\n")) {
      chomping = "+";
      body = text.substring(0, text.length() - 1);
    } else if (text.endsWith("\n")) {
      chomping = "";
      body = text.substring(0, text.length() - 1);
    } else {
      chomping = "-";
      body = text;
    }
    out.append(" |").append(chomping).append('\n');
    for (String line : body.split("\n", -1)) {
      if (!line.isEmpty()) {
        out.append(" ".repeat(indent)).append(line);
      }
      out.append('\n');
    }
  }

  private static String flow(JsonNode value) {
    if (value.isObject()) {
      return "{}";
    }
    if (value.isArray()) {
      return "[]";
    }
    if (value.isNull()) {
      return "null";
    }
    if (value.isTextual()) {
      return scalar(value.asText());
    }
    if (value.isNumber() && !value.isIntegralNumber()) {
      String text = SopsDocument.goFloat(value.doubleValue());
      return text.contains(".") ? text : text + ".0";
    }
    return value.asText();
  }

  static String scalar(String text) {
    return plain(text) ? text : quoted(text);
  }

  private static boolean plain(String text) {
    if (text.isEmpty()
        || Character.isWhitespace(text.charAt(0))
        || Character.isWhitespace(text.charAt(text.length() - 1))
        || INDICATORS.indexOf(text.charAt(0)) >= 0
        || text.contains(": ")
        || text.contains(" #")
        || text.endsWith(":")
        || NOT_A_STRING.matcher(text).matches()) {
      return false;
    }
    for (char c : text.toCharArray()) {
      if (c < 0x20
          || c == 0x7f
          || c == '\u0085'
          || c == '\u2028'
          || c == '\u2029'
          || c == '\ufeff') {
        return false;
      }
    }
    return true;
  }

  private static String quoted(String text) {
    StringBuilder out = new StringBuilder("\"");
    for (char c : text.toCharArray()) {
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\t' -> out.append("\\t");
        case '\r' -> out.append("\\r");
        default -> {
          if (c < 0x20
              || c == 0x7f
              || c == '\u0085'
              || c == '\u2028'
              || c == '\u2029'
              || c == '\ufeff') {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('"').toString();
  }
}
