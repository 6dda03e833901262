package dev.minato.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Whatever minato writes, it reads back unchanged: random trees (keys and strings drawn from YAML's
 * special characters, number-, boolean- and date-like words, Unicode, line breaks; numbers of every
 * size) go through {@link YamlWriter} and {@link YamlReader}. Seeded, so a failure repeats.
 */
class YamlRoundTripPropertyTest {

  private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);
  private static final String[] WORDS = {
    "yes",
    "No",
    "on",
    "OFF",
    "true",
    "null",
    "~",
    "0755",
    "0x1F",
    "0b11",
    "1_000",
    "1e3",
    ".5",
    "-.inf",
    ".NaN",
    "1:20",
    "2001-12-14",
    "<<",
    "=",
    "-",
    "?",
    "web",
    "8080",
    "500m",
    "1.0",
    "app.kubernetes.io/name",
    "a: b",
    "#x",
    "- x",
    "%YAML",
    "---",
    "...",
    "&a",
    "*a",
    "!tag",
    "|",
    ">",
    "'q'",
    "\"q\"",
    "@",
    "`",
    "{}",
    "[]",
    "é",
    "日本",
    "\u00a0",
    "tab\tx",
    "line\nbreak",
    "trailing\n",
    " lead",
    "trail ",
    ""
  };
  private static final String ALPHABET = "abcXYZ019 -_.:/#?&*!|>'\"%@`{}[],=<~\t\néü日\u2028";

  @Test
  void randomTreesReadBackAsWritten() throws Exception {
    Random random = new Random(20261122L);
    for (int i = 0; i < 1000; i++) {
      ObjectNode tree = object(random, 0);
      String yaml = YamlWriter.write(tree);
      JsonNode back;
      try {
        back = YamlReader.read("t" + i + ".yaml", yaml).get(0).root();
      } catch (ManifestException e) {
        throw new AssertionError(e.located() + " in:\n" + yaml + "\nfrom " + tree, e);
      }
      assertThat(back).as("tree %d written as:%n%s", i, yaml).isEqualTo(tree);
    }
  }

  private static ObjectNode object(Random random, int depth) {
    ObjectNode node = NODES.objectNode();
    int size = random.nextInt(depth == 0 ? 6 : 4) + (depth == 0 ? 1 : 0);
    for (int i = 0; i < size; i++) {
      node.set(text(random), value(random, depth + 1));
    }
    return node;
  }

  private static JsonNode value(Random random, int depth) {
    int kind = random.nextInt(depth > 3 ? 6 : 8);
    return switch (kind) {
      case 0, 1 -> NODES.textNode(text(random));
      case 2 -> NODES.numberNode(random.nextInt());
      case 3 ->
          switch (random.nextInt(3)) {
            case 0 -> NODES.numberNode(random.nextLong() | (1L << 40));
            case 1 -> NODES.numberNode(new BigInteger(96, random));
            default -> NODES.numberNode(new BigDecimal(random.nextInt(100000)).movePointLeft(3));
          };
      case 4 -> NODES.booleanNode(random.nextBoolean());
      case 5 -> NODES.nullNode();
      case 6 -> object(random, depth);
      default -> {
        ArrayNode array = NODES.arrayNode();
        int size = random.nextInt(4);
        for (int i = 0; i < size; i++) {
          array.add(value(random, depth + 1));
        }
        yield array;
      }
    };
  }

  private static String text(Random random) {
    if (random.nextInt(3) == 0) {
      return WORDS[random.nextInt(WORDS.length)];
    }
    StringBuilder text = new StringBuilder();
    int length = 1 + random.nextInt(12);
    for (int i = 0; i < length; i++) {
      text.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
    }
    return text.toString();
  }
}
