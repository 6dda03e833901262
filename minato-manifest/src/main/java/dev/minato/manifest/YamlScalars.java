package dev.minato.manifest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.yaml.snakeyaml.events.ScalarEvent;
import org.yaml.snakeyaml.nodes.NodeId;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * What a YAML scalar means: a string, number, boolean or null.
 *
 * <p>Plain scalars are typed by YAML 1.1's implicit rules, through SnakeYAML's {@link Resolver}, as
 * Kubernetes' own YAML reader types them ({@code 0755} is octal, {@code yes} is a boolean, {@code
 * 1:20} stays a string). Quoted and block scalars are always strings. Numbers keep their exact
 * value: integers in the smallest of int, long and big integer that holds them, decimals exactly.
 * One instance per read: it remembers the values it typed, and is not thread-safe.
 */
final class YamlScalars {

  private static final String YAML_TAG_PREFIX = Tag.PREFIX;

  private static final TypingResolver RESOLVER = new TypingResolver();

  /** Longer plain values are mostly unique (names, images, commands): not worth remembering. */
  private static final int MAX_REMEMBERED_PLAIN = 32;

  private final JsonNodeFactory nodes;
  private final NodeSharing sharing;
  private final Map<String, JsonNode> plainValues = new HashMap<>();

  YamlScalars(JsonNodeFactory nodes, NodeSharing sharing) {
    this.nodes = nodes;
    this.sharing = sharing;
  }

  /** The node for a scalar; throws when its tag asks for a type its text does not have. */
  JsonNode node(ScalarEvent scalar) throws ScalarException {
    String value = scalar.getValue();
    String tag = scalar.getTag();
    if (tag == null) {
      return scalar.getImplicit().canOmitTagInPlainScalar() ? plain(value) : sharing.text(value);
    }
    if (!tag.startsWith(YAML_TAG_PREFIX)) {
      // '!' (non-specific) and application tags such as '!Ref': the text as written.
      return sharing.text(value);
    }
    return switch (tag.substring(YAML_TAG_PREFIX.length())) {
      case "int" -> integerOrFail(value, tag);
      case "float" -> decimalOrFail(value, tag);
      case "bool" -> {
        Boolean bool = booleanWord(value);
        if (bool == null) {
          throw new ScalarException("'" + value + "' is tagged " + tag + " but is not a boolean");
        }
        yield nodes.booleanNode(bool);
      }
      case "null" -> nodes.nullNode();
      default -> sharing.text(value);
    };
  }

  /**
   * A plain scalar's node, typed once per distinct short value of a read: manifests repeat the same
   * values (500m, 8080, true, http) thousands of times, and typing runs regular expressions.
   */
  private JsonNode plain(String value) throws ScalarException {
    if (value.length() > MAX_REMEMBERED_PLAIN) {
      return typed(value);
    }
    JsonNode known = plainValues.get(value);
    if (known == null) {
      known = typed(value);
      plainValues.put(value, known);
    }
    return known;
  }

  private JsonNode typed(String value) throws ScalarException {
    Tag type = RESOLVER.resolve(NodeId.scalar, value, true);
    if (type == Tag.STR) {
      return sharing.text(value);
    }
    if (type == Tag.NULL) {
      return nodes.nullNode();
    }
    if (type == Tag.BOOL) {
      return nodes.booleanNode(Boolean.TRUE.equals(booleanWord(value)));
    }
    if (type == Tag.INT) {
      JsonNode number = integer(value);
      return number == null ? sharing.text(value) : number;
    }
    if (type == Tag.FLOAT) {
      return decimal(value);
    }
    // Timestamps, '<<' outside a mapping key, and the like: Kubernetes reads them as text.
    return sharing.text(value);
  }

  /**
   * True when {@code value}, written as a plain (unquoted) scalar, is read back as that same string
   * by YAML 1.1 readers such as Kubernetes': not a number, boolean, null, timestamp or merge key.
   * Writers quote every other string.
   */
  static boolean plainReadsAsString(String value) {
    return RESOLVER.resolve(NodeId.scalar, value, true) == Tag.STR;
  }

  /** yes/no, true/false, on/off in any case; null for anything else. */
  private static Boolean booleanWord(String value) {
    return switch (value.toLowerCase(Locale.ROOT)) {
      case "true", "yes", "on", "y" -> Boolean.TRUE;
      case "false", "no", "off", "n" -> Boolean.FALSE;
      default -> null;
    };
  }

  private JsonNode integerOrFail(String value, String tag) throws ScalarException {
    JsonNode number = integer(value);
    if (number == null) {
      throw new ScalarException("'" + value + "' is tagged " + tag + " but is not an integer");
    }
    return number;
  }

  private JsonNode decimalOrFail(String value, String tag) throws ScalarException {
    if (value.indexOf(':') >= 0 || value.isEmpty()) {
      throw new ScalarException("'" + value + "' is tagged " + tag + " but is not a number");
    }
    return decimal(value);
  }

  /**
   * An integer in YAML 1.1 notation (sign, underscores, 0b binary, 0x hex, leading-0 octal), or
   * null when the text is not one. Base-60 integers ({@code 1:20}) count as text, as in Kubernetes.
   */
  private JsonNode integer(String value) {
    if (value.indexOf(':') >= 0) {
      return null;
    }
    String digits = value.indexOf('_') >= 0 ? value.replace("_", "") : value;
    boolean negative = digits.startsWith("-");
    int start = negative || digits.startsWith("+") ? 1 : 0;
    int radix = 10;
    if (digits.startsWith("0b", start)) {
      radix = 2;
      start += 2;
    } else if (digits.startsWith("0x", start)) {
      radix = 16;
      start += 2;
    } else if (digits.length() - start > 1 && digits.charAt(start) == '0') {
      radix = 8;
      start += 1;
    }
    String magnitude = digits.substring(start);
    if (magnitude.isEmpty()) {
      return null;
    }
    if (radix == 10 && magnitude.length() <= 9 && isDecimal(magnitude)) {
      int small = Integer.parseInt(magnitude);
      return nodes.numberNode(negative ? -small : small);
    }
    BigInteger big;
    try {
      big = new BigInteger(magnitude, radix);
    } catch (NumberFormatException e) {
      return null;
    }
    if (negative) {
      big = big.negate();
    }
    if (big.bitLength() < Integer.SIZE) {
      return nodes.numberNode(big.intValue());
    }
    if (big.bitLength() < Long.SIZE) {
      return nodes.numberNode(big.longValue());
    }
    return nodes.numberNode(big);
  }

  private static boolean isDecimal(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }

  /**
   * A decimal, exactly as written. Base-60 decimals stay text; infinity and NaN have no JSON form,
   * so a manifest holding them cannot be sent to a cluster and is refused.
   */
  private JsonNode decimal(String value) throws ScalarException {
    if (value.indexOf(':') >= 0) {
      return sharing.text(value);
    }
    String cleaned = value.indexOf('_') >= 0 ? value.replace("_", "") : value;
    try {
      return nodes.numberNode(new BigDecimal(cleaned));
    } catch (NumberFormatException e) {
      throw new ScalarException(
          "'"
              + value
              + "' is not a finite number; Kubernetes objects are JSON, which has no"
              + " infinity or NaN (quote it to keep it as text)");
    }
  }

  /** A scalar whose text does not fit its type. */
  static final class ScalarException extends Exception {
    ScalarException(String message) {
      super(message);
    }
  }

  /**
   * SnakeYAML's YAML 1.1 resolver with a shortcut: it only tries patterns for scalars whose first
   * character starts one of them (a digit, sign, dot, one of "yYnNtTfFoO~<", and a few more), so
   * every other non-empty scalar is a string without running a regular expression. That is most
   * values of a manifest (names, images, paths), and the patterns are a measurable share of reading
   * large inputs.
   */
  static final class TypingResolver extends Resolver {
    private final boolean[] asciiStarts = new boolean[128];

    TypingResolver() {
      for (Character first : yamlImplicitResolvers.keySet()) {
        if (first != null && first < asciiStarts.length) {
          asciiStarts[first] = true;
        }
      }
    }

    @Override
    public Tag resolve(NodeId kind, String value, boolean implicit) {
      // The resolvers SnakeYAML tries for any first character match "" and " " only, so a value
      // that starts with neither a space nor a keyed character is a string. A test compares this
      // class with the plain resolver, in case a new version changes that.
      if (kind == NodeId.scalar && implicit && !value.isEmpty() && value.charAt(0) != ' ') {
        char first = value.charAt(0);
        boolean mayResolve =
            first < asciiStarts.length
                ? asciiStarts[first]
                : yamlImplicitResolvers.containsKey(first);
        if (!mayResolve) {
          return Tag.STR;
        }
      }
      return super.resolve(kind, value, implicit);
    }
  }
}
