package dev.minato.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class YamlReaderTest {

  @Test
  void readsEveryDocumentOfAStreamAndSkipsEmptyOnes() throws Exception {
    List<Document> docs =
        YamlReader.read("s.yaml", "a: 1\n---\n---\n# only a comment\n---\nb: 2\n");

    assertThat(docs).extracting(d -> d.root().fieldNames().next()).containsExactly("a", "b");
    assertThat(docs).extracting(Document::index).containsExactly(0, 3);
  }

  @Test
  void remembersThePositionOfValuesAndKeys() throws Exception {
    Document doc =
        YamlReader.read("app.yaml", "spec:\n  replicas:\n    min: two\n  items:\n  - x\n  - y\n")
            .get(0);

    assertThat(doc.positions().value("/spec/replicas/min")).hasToString("app.yaml:3:10");
    assertThat(doc.positions().key("/spec/replicas/min")).hasToString("app.yaml:3:5");
    assertThat(doc.positions().value("/spec/items/1")).hasToString("app.yaml:6:5");
  }

  @Test
  void fallsBackToTheNearestAncestorPosition() throws Exception {
    Document doc = YamlReader.read("app.yaml", "spec:\n  a: 1\n").get(0);

    assertThat(doc.positions().value("/spec/missing/deeper")).hasToString("app.yaml:2:3");
  }

  @Test
  void escapesSlashesInKeysOfPointers() throws Exception {
    Document doc = YamlReader.read("x.yaml", "labels:\n  app.kubernetes.io/name: web\n").get(0);

    assertThat(doc.positions().exactValue("/labels/app.kubernetes.io~1name")).isPresent();
  }

  @Test
  void rejectsDuplicateKeysNamingBothLines() {
    assertThatThrownBy(() -> YamlReader.read("d.yaml", "a: 1\nb: 2\na: 3\n"))
        .isInstanceOf(ManifestException.class)
        .satisfies(
            e -> {
              ManifestException m = (ManifestException) e;
              assertThat(m.located()).startsWith("d.yaml:3:");
              assertThat(m.getMessage()).contains("duplicate key 'a'").contains("line 1");
            });
  }

  @Test
  void reportsSyntaxErrorsWithTheirLocation() {
    assertThatThrownBy(() -> YamlReader.read("bad.yaml", "a: 1\nb: [1, 2\nc: 3\n"))
        .isInstanceOf(ManifestException.class)
        .satisfies(
            e -> {
              ManifestException m = (ManifestException) e;
              assertThat(m.position().source()).isEqualTo("bad.yaml");
              assertThat(m.position().line()).isGreaterThanOrEqualTo(2);
              assertThat(m.getMessage()).startsWith("invalid YAML:");
            });
  }

  @Test
  void keepsQuotedNumbersAsStrings() throws Exception {
    Document doc = YamlReader.read("q.yaml", "a: \"8080\"\nb: 8080\nc: 0.5\n").get(0);

    assertThat(doc.root().get("a").isTextual()).isTrue();
    assertThat(doc.root().get("b").isIntegralNumber()).isTrue();
    assertThat(doc.root().get("c").decimalValue()).isEqualByComparingTo("0.5");
  }

  @Test
  void namesAMissingFile(@TempDir Path dir) {
    Path missing = dir.resolve("nope.yaml");

    assertThatThrownBy(() -> YamlReader.read(missing))
        .isInstanceOf(ManifestException.class)
        .hasMessage("no such file");
  }

  @Test
  void readsJsonFiles(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("o.json");
    java.nio.file.Files.writeString(
        file, "{\n\t\"apiVersion\": \"v1\",\n\t\"kind\": \"List\"\n}\n");

    Document doc = YamlReader.read(file).get(0);

    assertThat(doc.root().get("kind").asText()).isEqualTo("List");
    assertThat(doc.positions().value("/kind").line()).isEqualTo(3);
  }

  @Test
  void aKeyWithoutValueIsNullButAQuotedEmptyStringIsNot() throws Exception {
    Document doc = YamlReader.read("e.yaml", "a:\nb: \"\"\n").get(0);

    assertThat(doc.root().get("a").isNull()).isTrue();
    assertThat(doc.root().get("b").isTextual()).isTrue();
  }

  @Test
  void invalidUtf8NamesTheLineAndColumnOfTheFirstBadByte(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("latin1.yaml");
    byte[] before = "a: 1\nname: Jos".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    byte[] bytes = java.util.Arrays.copyOf(before, before.length + 2);
    bytes[before.length] = (byte) 0xE9; // é in Latin-1, not UTF-8
    bytes[before.length + 1] = '\n';
    java.nio.file.Files.write(file, bytes);

    assertThatThrownBy(() -> YamlReader.read(file))
        .isInstanceOf(ManifestException.class)
        .satisfies(
            e -> {
              ManifestException m = (ManifestException) e;
              assertThat(m.located()).startsWith(file + ":2:10: not UTF-8: byte 0xE9");
              assertThat(m.getMessage()).doesNotContain("Input length");
            });
  }

  @Test
  void columnsOfInvalidUtf8CountCharactersNotBytes() {
    byte[] prefix = "k: \u00fc\u00fc".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    byte[] bytes = java.util.Arrays.copyOf(prefix, prefix.length + 1);
    bytes[prefix.length] = (byte) 0xFF;

    assertThatThrownBy(() -> YamlReader.decode("stdin", bytes))
        .isInstanceOf(ManifestException.class)
        .satisfies(e -> assertThat(((ManifestException) e).located()).startsWith("stdin:1:6:"));
  }
}
