package dev.minato.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The literal blocks {@link YamlWriter} writes itself must be exactly what SnakeYAML's emitter
 * writes, and read back as the text they hold, in every place a string can sit in a manifest.
 */
class LiteralBlocksTest {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  /** What YAML 1.1 readers (Kubernetes' among them) take for line breaks besides CR and LF. */
  private static final Pattern YAML_11_BREAKS = Pattern.compile("[\u0085\u2028\u2029]");

  /** Text with what JSON, config files and PromQL hold, and what YAML treats specially. */
  private static final List<String> TRICKY =
      List.of(
          "{\n  \"a\": \"b\"\n}\n",
          "line\n",
          "key: value\n# not a comment\n- not an item\n",
          "x\n\n\ny\n",
          "indented\n    deeper\n  back\n",
          "---\n...\n",
          "trailing space \nnext\n",
          "trailing tab\t\nnext\n",
          "\ttab first\n",
          "tab\tinside\n",
          " leading space\n",
          "\nleading break\n",
          "no final break",
          "two final breaks\n\n",
          "only spaces\n   \n",
          "sum(rate(x{job=\"a\", le=\"0.3\"}[5m])) / 100 # 50%\n",
          "café, naïve, 東京, ü\n",
          "non breaking\u00a0space\n",
          "line\u2028separator\n",
          "next\u0085line\n",
          "bom\ufeff\n",
          "emoji 🙂\n",
          "quote \" and ' and \\ backslash\n",
          "| pipe\n> fold\n& anchor\n* alias\n! tag\n% directive\n@ at\n` tick\n",
          "\"quoted\": \"value: with colon\"\n",
          "a\n",
          "\n",
          "");

  @Test
  void writesTheEmittersBytesForTrickyTextInEveryPlaceAStringSits() throws Exception {
    for (String text : TRICKY) {
      assertSameAsEmitterAndReadsBack(text);
    }
  }

  @Test
  void writesTheEmittersBytesForRandomText() throws Exception {
    String[] alphabet = {
      "a", "Z", "0", " ", " ", "\n", "\n", "#", ":", ": ", "-", "- ", "\"", "'", "{", "}", "[", ",",
      "\t", "é", "\u2028", "\u0085", "\u00a0", "🙂", "|", ">", "\\", "\r", "...", "---"
    };
    Random random = new Random(15);
    for (int n = 0; n < 2000; n++) {
      StringBuilder text = new StringBuilder();
      int parts = random.nextInt(25);
      for (int i = 0; i < parts; i++) {
        text.append(alphabet[random.nextInt(alphabet.length)]);
      }
      // Half end the way files do, so that the block path is taken often.
      if (random.nextBoolean() && !text.toString().endsWith("\n")) {
        text.append('\n');
      }
      assertSameAsEmitterAndReadsBack(text.toString());
    }
  }

  @Test
  void takesADashboardSizedJsonDocumentItselfAndWritesTheEmittersBytes() throws Exception {
    StringBuilder json = new StringBuilder("{\n  \"panels\": [\n");
    for (int i = 0; i < 400; i++) {
      json.append("    {\n      \"expr\": \"sum(rate(http_requests_total{app=\\\"café-")
          .append(i)
          .append("\\\", code=~\\\"5..\\\"}[$__rate_interval])) # : x\",\n")
          .append("      \"title\": \"Errors: \\t 5xx\"\n    },\n");
    }
    json.append("    {}\n  ]\n}\n");
    String text = json.toString();

    assertThat(LiteralBlocks.writtenAsPlainLiteral(text)).isTrue();
    assertSameAsEmitterAndReadsBack(text);
    List<JsonNode> emitted = new ArrayList<>();
    LiteralBlocks.write(
        NODES.objectNode().put("k", text),
        tree -> {
          emitted.add(tree);
          return YamlWriter.emit(tree);
        });
    assertThat(emitted).hasSize(1);
    assertThat(emitted.get(0).toString()).as("what the emitter saw").doesNotContain("panels");
  }

  @Test
  void multiLineTextHoldingAYaml11LineBreakIsDoubleQuotedWithTheBreakEscaped() throws Exception {
    ObjectNode tree = NODES.objectNode().put("k", "line\u2028separator\nnext\u0085line\u2029\n");

    String written = YamlWriter.write(tree);

    assertThat(written).isEqualTo("k: \"line\\Lseparator\\nnext\\Nline\\P\\n\"\n");
    assertThat(YamlReader.read("r", written).get(0).root()).isEqualTo(tree);
  }

  @Test
  void refusesTextTheEmitterWouldNotWriteAsAPlainBlock() {
    for (String text :
        List.of(
            "trailing space \nnext\n",
            "tab\tinside\n",
            " leading space\n",
            "\nleading break\n",
            "no final break",
            "two final breaks\n\n")) {
      assertThat(LiteralBlocks.writtenAsPlainLiteral(text)).as(text).isFalse();
      String emitted = YamlWriter.emit(NODES.objectNode().put("k", text));
      assertThat(emitted).as(text).doesNotStartWith("k: |\n");
    }
  }

  @Test
  void aValueThatLooksLikeItsPlaceholderLeavesTheTreeToTheEmitter() throws Exception {
    ObjectNode tree = NODES.objectNode();
    tree.put("block", "a\nb\n").put("other", "minato-literal-block-6c1f0e-0");

    assertThat(YamlWriter.write(tree)).isEqualTo(YamlWriter.emit(tree));
    assertThat(YamlReader.read("r", YamlWriter.write(tree)).get(0).root()).isEqualTo(tree);
  }

  @Test
  void writesSeveralBlocksOfOneTreeInTheirPlaces() throws Exception {
    ObjectNode tree = NODES.objectNode();
    ObjectNode data = tree.putObject("data");
    for (int i = 0; i < 12; i++) {
      data.put("file-" + i + ".json", "{\n  \"n\": " + i + "\n}\n");
    }

    assertThat(YamlWriter.write(tree)).isEqualTo(YamlWriter.emit(tree));
  }

  /** {@code text} at the top, nested, in a list item, under a quoted or a long key, in a list. */
  private static void assertSameAsEmitterAndReadsBack(String text) throws ManifestException {
    for (JsonNode tree : places(text)) {
      String written = YamlWriter.write(tree);
      assertThat(written).as("%s", tree).isEqualTo(YamlWriter.emit(tree));
      assertThat(YamlReader.read("r", written).get(0).root()).as(written).isEqualTo(tree);
      assertThat(YAML_11_BREAKS.matcher(written).find())
          .as("a YAML 1.1 line break written raw in:%n%s", written)
          .isFalse();
    }
  }

  private static List<JsonNode> places(String text) {
    List<JsonNode> trees = new ArrayList<>();
    trees.add(NODES.objectNode().put("k", text));
    ObjectNode configMap = NODES.objectNode().put("apiVersion", "v1").put("kind", "ConfigMap");
    configMap.putObject("data").put("app.json", text).put("other", "x");
    trees.add(configMap);
    ObjectNode patch = NODES.objectNode();
    patch.putArray("ops").addObject().put("op", "replace").put("path", "/p").put("value", text);
    trees.add(patch);
    ObjectNode nested = NODES.objectNode();
    nested.putArray("a").addArray().addObject().put("yes", text).put("1.5", text);
    trees.add(nested);
    trees.add(NODES.objectNode().put("k".repeat(130), text));
    ObjectNode longKey = NODES.objectNode();
    longKey
        .putArray("k".repeat(130))
        .addObject()
        .put("a", text)
        .putArray("b")
        .addObject()
        .put("c", text);
    trees.add(longKey);
    ObjectNode list = NODES.objectNode();
    list.putArray("items").add(text).add("x");
    trees.add(list);
    return trees;
  }
}
