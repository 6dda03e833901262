package dev.minato.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;

class YamlWriterTest {

  private final JsonNodeFactory nodes = JsonNodeFactory.instance;

  @Test
  void quotesStringsThatWouldOtherwiseChangeType() throws Exception {
    ObjectNode tree = nodes.objectNode();
    tree.put("port", "8080").put("flag", "true").put("plain", "web").put("number", 3);

    String yaml = YamlWriter.write(tree);

    assertThat(yaml).contains("port: \"8080\"").contains("flag: \"true\"").contains("plain: web");
    assertThat(YamlReader.read("r", yaml).get(0).root()).isEqualTo(tree);
  }

  @Test
  void writesMultiLineStringsAsLiteralBlocks() {
    ObjectNode tree = nodes.objectNode().put("config", "a: 1\nb: 2\n");

    assertThat(YamlWriter.write(tree)).isEqualTo("config: |\n  a: 1\n  b: 2\n");
  }

  @Test
  void keepsTheTreesKeyOrderAndSeparatesDocuments() {
    ObjectNode first = nodes.objectNode().put("kind", "A").put("apiVersion", "v1");
    ObjectNode second = nodes.objectNode().put("b", 1);

    assertThat(YamlWriter.writeAll(List.of(first, second)))
        .isEqualTo("kind: A\napiVersion: v1\n---\nb: 1\n");
  }

  @Test
  void indentsSequencesUnderTheirKey() {
    ObjectNode tree = nodes.objectNode();
    tree.putArray("items").add("x");

    assertThat(YamlWriter.write(tree)).isEqualTo("items:\n  - x\n");
  }

  @Test
  void everyStringReadsBackAsTheSameStringWhateverItLooksLike() throws Exception {
    List<String> tricky =
        List.of(
            "yes",
            "no",
            "on",
            "Off",
            "y",
            "true",
            "False",
            "null",
            "~",
            "",
            "0755",
            "0x1F",
            "0b101",
            "1_000",
            "1e3",
            "12e3",
            ".5",
            "1.",
            "+1",
            "-0",
            "1:20",
            "1:20.5",
            ".inf",
            "-.Inf",
            ".NaN",
            "2001-12-14",
            "2001-12-14 21:59:43.10 -5",
            "<<",
            "=",
            "-",
            "1.2.3",
            " lead",
            "trail ",
            "a: b",
            "- x",
            "#c",
            "@x",
            "`x",
            "%x",
            "!x",
            "&x",
            "*x",
            "|x",
            ">x",
            "{x",
            "[x",
            "x,y",
            "x #c",
            "multi\nline",
            "tab\tx",
            "\u00e9t\u00e9",
            "500m",
            "256Mi");
    ObjectNode values = JsonNodeFactory.instance.objectNode();
    ObjectNode keys = JsonNodeFactory.instance.objectNode();
    for (int i = 0; i < tricky.size(); i++) {
      values.put("k" + i, tricky.get(i));
      if (!tricky.get(i).isEmpty()) {
        keys.put(tricky.get(i), i);
      }
    }

    JsonNode valuesBack = YamlReader.read("v.yaml", YamlWriter.write(values)).get(0).root();
    JsonNode keysBack = YamlReader.read("k.yaml", YamlWriter.write(keys)).get(0).root();

    assertThat(valuesBack).isEqualTo(values);
    assertThat(keysBack).isEqualTo(keys);
  }

  @Test
  void stringsThatLookLikeOtherTypesAreQuotedPlainOnesAreNot() {
    ObjectNode node = JsonNodeFactory.instance.objectNode();
    node.put("hex", "0x1F").put("sci", "1e3").put("date", "2001-12-14").put("name", "web");

    assertThat(YamlWriter.write(node))
        .isEqualTo("hex: \"0x1F\"\nsci: \"1e3\"\ndate: \"2001-12-14\"\nname: web\n");
  }
}
