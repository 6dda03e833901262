package dev.minato.manifest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Writes long multi-line strings (a Grafana dashboard's JSON, a config file) as YAML literal blocks
 * without SnakeYAML's emitter, which analyses every character of a scalar several times before it
 * writes one: for 15 KB dashboards that was 40 % of {@code generate}'s time.
 *
 * <p>Each string that is a mapping value and that the emitter would itself write as a plain literal
 * block ({@link #writtenAsPlainLiteral}) is replaced by a placeholder in a shallow copy of the
 * tree; the copy goes through the emitter as usual, and each placeholder line is then replaced by
 * the block the emitter would have written: {@code |}, then every line of the text indented two
 * spaces deeper than its key, empty lines left empty. Anything else (no such string, a placeholder
 * that is not found exactly once where expected) leaves the whole tree to the emitter, so the
 * output is the emitter's byte for byte either way.
 */
final class LiteralBlocks {

  /**
   * Never the start of a value minato writes; a tree that happens to contain it anyway makes the
   * placeholder ambiguous, which {@link #substitute} detects.
   */
  private static final String PLACEHOLDER = "minato-literal-block-6c1f0e-";

  private final List<String> texts = new ArrayList<>();

  private LiteralBlocks() {}

  /**
   * {@code node}'s YAML as {@code emitter} writes it, with its long literal blocks written here.
   */
  static String write(JsonNode node, Function<JsonNode, String> emitter) {
    LiteralBlocks blocks = new LiteralBlocks();
    JsonNode replaced = blocks.replace(node);
    if (blocks.texts.isEmpty()) {
      return emitter.apply(node);
    }
    return blocks.substitute(emitter.apply(replaced)).orElseGet(() -> emitter.apply(node));
  }

  /**
   * Whether SnakeYAML writes {@code text}, asked for as a literal block, as a plain {@code |} block
   * (no chomping or indentation indicator): it ends in exactly one line break and starts with
   * neither a line break nor a space; every character is printable, and no space ends a line (the
   * emitter double-quotes such text, since a block would lose the space); no line break other than
   * {@code \n} (YAML 1.1 also breaks lines at U+0085, U+2028 and U+2029). Strict on purpose: a text
   * this refuses is still written correctly, by the emitter.
   */
  static boolean writtenAsPlainLiteral(String text) {
    int length = text.length();
    if (length < 2
        || text.charAt(length - 1) != '\n'
        || text.charAt(length - 2) == '\n'
        || text.charAt(0) == ' '
        || text.charAt(0) == '\n') {
      return false;
    }
    char previous = 0;
    for (int i = 0; i < length; i++) {
      char c = text.charAt(i);
      if (c == '\n') {
        if (previous == ' ') {
          return false;
        }
      } else if (!printable(c)) {
        return false;
      }
      previous = c;
    }
    return true;
  }

  /**
   * What the emitter writes as it is (with Jackson's YAML factory defaults, which allow Unicode):
   * ASCII from space to tilde, and the Basic Multilingual Plane's printable characters but the byte
   * order mark and the two Unicode line and paragraph separators. Characters outside that plane
   * (surrogate pairs) are left to the emitter.
   */
  private static boolean printable(char c) {
    if (c >= 0x20 && c <= 0x7e) {
      return true;
    }
    return (c >= 0xa0 && c <= 0xd7ff && c != 0x2028 && c != 0x2029)
        || (c >= 0xe000 && c <= 0xfffd && c != 0xfeff);
  }

  /** {@code node} with each qualifying mapping value replaced, sharing every untouched subtree. */
  private JsonNode replace(JsonNode node) {
    if (node instanceof ObjectNode object) {
      ObjectNode copy = null;
      Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> field = fields.next();
        JsonNode value = field.getValue();
        JsonNode replaced;
        if (value.isTextual() && writtenAsPlainLiteral(value.textValue())) {
          texts.add(value.textValue());
          replaced = TextNode.valueOf(PLACEHOLDER + (texts.size() - 1));
        } else {
          replaced = replace(value);
        }
        if (replaced != value && copy == null) {
          copy = object.objectNode();
          copy.setAll(object);
        }
        if (copy != null) {
          copy.replace(field.getKey(), replaced);
        }
      }
      return copy == null ? object : copy;
    }
    if (node instanceof ArrayNode array) {
      ArrayNode copy = null;
      for (int i = 0; i < array.size(); i++) {
        JsonNode element = array.get(i);
        JsonNode replaced = replace(element);
        if (replaced != element && copy == null) {
          copy = array.arrayNode(array.size());
          copy.addAll(array);
        }
        if (copy != null) {
          copy.set(i, replaced);
        }
      }
      return copy == null ? array : copy;
    }
    return node;
  }

  /**
   * {@code yaml} with each placeholder, which must end a line as {@code key: placeholder}, replaced
   * by its block; empty when a placeholder is missing, out of order, elsewhere, or also found in
   * some other value of the tree.
   */
  private Optional<String> substitute(String yaml) {
    if (occurrences(yaml) != texts.size()) {
      return Optional.empty();
    }
    StringBuilder out =
        new StringBuilder(yaml.length() + texts.stream().mapToInt(t -> t.length() * 2).sum());
    int from = 0;
    for (int i = 0; i < texts.size(); i++) {
      String token = ": " + PLACEHOLDER + i + "\n";
      int at = yaml.indexOf(token, from);
      if (at < 0) {
        return Optional.empty();
      }
      int lineStart = yaml.lastIndexOf('\n', at) + 1;
      int keyColumn = keyColumn(yaml, lineStart, at);
      if (keyColumn < 0) {
        return Optional.empty();
      }
      out.append(yaml, from, at).append(": |\n");
      appendIndented(out, texts.get(i), keyColumn + 2);
      from = at + token.length();
    }
    return Optional.of(out.append(yaml, from, yaml.length()).toString());
  }

  private static int occurrences(String yaml) {
    int count = 0;
    for (int at = yaml.indexOf(PLACEHOLDER); at >= 0; at = yaml.indexOf(PLACEHOLDER, at + 1)) {
      count++;
    }
    return count;
  }

  /**
   * The column of the key on a line: after its indentation, the {@code "- "} of the sequence items
   * it opens and the {@code ": "} of a long key's value ({@code ? key} on the line before); -1 when
   * the line does not start that way. A plain key never starts with {@code "- "} or {@code ": "},
   * so the prefix is unambiguous.
   */
  private static int keyColumn(String yaml, int lineStart, int end) {
    int i = lineStart;
    while (i < end) {
      char c = yaml.charAt(i);
      if (c == ' ') {
        i++;
      } else if ((c == '-' || c == ':') && i + 1 < end && yaml.charAt(i + 1) == ' ') {
        i += 2;
      } else {
        break;
      }
    }
    return i < end ? i - lineStart : -1;
  }

  /** Each line of {@code text} (which ends in a line break) indented, empty lines left empty. */
  private static void appendIndented(StringBuilder out, String text, int indent) {
    String spaces = " ".repeat(indent);
    int start = 0;
    while (start < text.length()) {
      int end = text.indexOf('\n', start);
      if (end > start) {
        out.append(spaces).append(text, start, end);
      }
      out.append('\n');
      start = end + 1;
    }
  }
}
