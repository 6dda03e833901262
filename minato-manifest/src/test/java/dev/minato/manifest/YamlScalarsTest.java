package dev.minato.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.yaml.snakeyaml.nodes.NodeId;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * How plain scalars are typed. Jackson's YAML module, which minato read YAML with before, serves as
 * the reference: the values below must mean the same to both.
 */
class YamlScalarsTest {

  private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);
  private static final YAMLFactory JACKSON = new YAMLFactory();

  private static JsonNode ours(String scalar) throws ManifestException {
    return YamlReader.read("s.yaml", "v: " + scalar + "\n").get(0).root().get("v");
  }

  /** The value as Jackson's YAML parser types it, converted as minato's reader used to. */
  private static JsonNode jackson(String scalar) throws IOException {
    try (JsonParser parser = JACKSON.createParser("v: " + scalar + "\n")) {
      parser.nextToken();
      parser.nextToken();
      JsonToken token = parser.nextToken();
      return switch (token) {
        case VALUE_STRING -> NODES.textNode(parser.getText());
        case VALUE_NUMBER_INT ->
            switch (parser.getNumberType()) {
              case INT -> NODES.numberNode(parser.getIntValue());
              case LONG -> NODES.numberNode(parser.getLongValue());
              default -> NODES.numberNode(parser.getBigIntegerValue());
            };
        case VALUE_NUMBER_FLOAT -> NODES.numberNode(parser.getDecimalValue());
        case VALUE_TRUE -> NODES.booleanNode(true);
        case VALUE_FALSE -> NODES.booleanNode(false);
        case VALUE_NULL -> NODES.nullNode();
        default -> throw new AssertionError("unexpected " + token);
      };
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "web",
        "nginx",
        "team-01",
        "app-00001",
        "example/app:1.2.0",
        "500m",
        "256Mi",
        "http",
        "TCP",
        "Always",
        "RuntimeDefault",
        "/health",
        "\"8080\"",
        "'true'",
        "\"\"",
        "''",
        "|\n  x",
        "0",
        "7",
        "-1",
        "+5",
        "8080",
        "2147483647",
        "2147483648",
        "-2147483648",
        "-2147483649",
        "9223372036854775807",
        "9223372036854775808",
        "123456789012345678901234567890",
        "1_000",
        "0755",
        "0o17",
        "09",
        "0x1F",
        "0xff_ff",
        "-0x10",
        "0b101",
        "0b1_0",
        "1:20",
        "190:20:30",
        "0.5",
        "1.0",
        "-1.5",
        "+2.5",
        ".5",
        "1.",
        "1e3",
        "1.5e-3",
        "1_000.5",
        "1.2.3",
        "true",
        "True",
        "TRUE",
        "tRUE",
        "false",
        "yes",
        "Yes",
        "no",
        "NO",
        "on",
        "Off",
        "y",
        "n",
        "Y",
        "N",
        "~",
        "null",
        "Null",
        "NULL",
        "nul",
        "nullable",
        "",
        "2001-12-14",
        "2001-12-14t21:59:43.10-05:00",
        "<<",
        "=",
        "-x",
        "--x",
        ".",
        "+",
        "0.0.0.0",
        "1e",
        "e3"
      })
  void typesPlainScalarsAsTheReferenceDoes(String scalar) throws Exception {
    assertThat(ours(scalar)).isEqualTo(jackson(scalar));
  }

  @Test
  void theResolverShortcutAgreesWithSnakeYamlsResolver() {
    // YamlScalars skips SnakeYAML's patterns for most values; a new SnakeYAML that resolves by
    // another rule must fail here rather than silently change how values are typed.
    Resolver reference = new Resolver();
    Resolver shortcut = new YamlScalars.TypingResolver();
    for (char first = 0; first < 0x3000; first++) {
      for (String rest : List.of("", "x", "0", " ", ".5", "ull", "es", "rue", "0:30", "_1")) {
        String value = first == 0 ? rest : first + rest;
        assertThat(shortcut.resolve(NodeId.scalar, value, true))
            .as("type of '%s'", value)
            .isEqualTo(reference.resolve(NodeId.scalar, value, true));
      }
    }
  }

  @Test
  void integersTakeTheSmallestTypeThatHoldsThem() throws Exception {
    assertThat(ours("0x7fffffff").isInt()).isTrue();
    assertThat(ours("0x0000000001").isInt()).isTrue();
    assertThat(ours("0x80000000").isLong()).isTrue();
    assertThat(ours("0x10000000000000000").isBigInteger()).isTrue();
  }

  @Test
  void base60DecimalsStayText() throws Exception {
    assertThat(ours("1:20.5").isTextual()).isTrue();
  }
}
