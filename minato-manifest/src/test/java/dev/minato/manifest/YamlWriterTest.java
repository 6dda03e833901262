package dev.minato.manifest;

import static org.assertj.core.api.Assertions.assertThat;

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
}
