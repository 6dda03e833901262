package dev.minato.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/** The YAML features Kubernetes' reader honours: anchors, aliases, merge keys and tags. */
class YamlFeaturesTest {

  private static JsonNode root(String yaml) throws ManifestException {
    return YamlReader.read("f.yaml", yaml).get(0).root();
  }

  private static ManifestException failure(String yaml) {
    try {
      YamlReader.read("f.yaml", yaml);
    } catch (ManifestException e) {
      return e;
    }
    throw new AssertionError("expected an error for:\n" + yaml);
  }

  @Test
  void expandsAliasesToTheAnchoredValue() throws Exception {
    JsonNode root =
        root("base: &labels {app: web, tier: front}\ncopy: *labels\nname: &n web\nalso: *n\n");

    assertThat(root.get("copy")).isEqualTo(root.get("base"));
    assertThat(root.get("also").asText()).isEqualTo("web");
  }

  @Test
  void positionsInsideAnAliasPointAtTheAnchoredText() throws Exception {
    Document doc = YamlReader.read("f.yaml", "base: &b\n  cpu: 1\ncopy: *b\n").get(0);

    assertThat(doc.positions().value("/copy")).hasToString("f.yaml:3:7");
    assertThat(doc.positions().value("/copy/cpu")).hasToString("f.yaml:2:8");
  }

  @Test
  void mergeKeysAddTheKeysTheMappingDoesNotHave() throws Exception {
    JsonNode root =
        root(
            "defaults: &d {cpu: 100m, memory: 128Mi}\n"
                + "limits:\n"
                + "  memory: 256Mi\n"
                + "  <<: *d\n");

    assertThat(root.get("limits").get("memory").asText()).isEqualTo("256Mi");
    assertThat(root.get("limits").get("cpu").asText()).isEqualTo("100m");
    assertThat(root.get("limits").has("<<")).isFalse();
  }

  @Test
  void ofSeveralMergedMappingsTheFirstWins() throws Exception {
    JsonNode root = root("a: &a {x: 1}\nb: &b {x: 2, y: 2}\nc:\n  <<: [*a, *b]\n");

    assertThat(root.get("c").get("x").asInt()).isEqualTo(1);
    assertThat(root.get("c").get("y").asInt()).isEqualTo(2);
  }

  @Test
  void mergedKeysKeepTheirPositions() throws Exception {
    Document doc = YamlReader.read("f.yaml", "a: &a\n  x: 1\nc:\n  <<: *a\n").get(0);

    assertThat(doc.positions().value("/c/x")).hasToString("f.yaml:2:6");
  }

  @Test
  void mergingSomethingOtherThanAMappingIsAnError() {
    ManifestException e = failure("a: &a 5\nc:\n  <<: *a\n");

    assertThat(e.located()).startsWith("f.yaml:3:3: ").contains("'<<' merges a mapping");
  }

  @Test
  void anAliasWithoutAnchorIsAnErrorAtTheAlias() {
    ManifestException e = failure("a: 1\nb: *missing\n");

    assertThat(e.located())
        .isEqualTo("f.yaml:2:4: alias '*missing' names no anchor ('&' + name) above it");
  }

  @Test
  void refusesAliasesThatExplode() {
    StringBuilder yaml = new StringBuilder("l0: &l0 [a, a, a, a, a, a, a, a, a, a]\n");
    for (int level = 1; level < 8; level++) {
      yaml.append("l").append(level).append(": &l").append(level).append(" [");
      for (int i = 0; i < 10; i++) {
        yaml.append(i == 0 ? "" : ", ").append("*l").append(level - 1);
      }
      yaml.append("]\n");
    }

    assertThat(failure(yaml.toString()).getMessage()).contains("expand to more than 100000 nodes");
  }

  @Test
  void tagsChooseTheType() throws Exception {
    JsonNode root =
        root("port: !!str 8080\ncount: !!int \"42\"\nratio: !!float '0.5'\nref: !Ref web\n");

    assertThat(root.get("port").isTextual()).isTrue();
    assertThat(root.get("count").intValue()).isEqualTo(42);
    assertThat(root.get("ratio").decimalValue()).isEqualByComparingTo("0.5");
    assertThat(root.get("ref").asText()).isEqualTo("web");
  }

  @Test
  void aTagThatDoesNotFitTheTextIsAnError() {
    assertThat(failure("a: 1\ncount: !!int many\n").located())
        .isEqualTo("f.yaml:2:8: 'many' is tagged tag:yaml.org,2002:int but is not an integer");
  }

  @Test
  void infinityHasNoJsonFormAndIsRefused() {
    assertThat(failure("limit: .inf\n").located())
        .startsWith("f.yaml:1:8: '.inf' is not a finite number")
        .contains("quote it");
  }

  @Test
  void aMappingAsKeyIsAnError() {
    assertThat(failure("? {a: 1}\n: b\n").getMessage())
        .contains("mapping key must be a plain value");
  }

  @Test
  void syntaxErrorsSayWhatWasExpectedAndWhereTheConstructStarted() {
    ManifestException e = failure("a: 1\nb: [1, 2\nc: 3\n");

    assertThat(e.located())
        .startsWith("f.yaml:3:2: invalid YAML: expected ',' or ']'")
        .endsWith("(parsing a flow sequence that starts at line 2)");
  }

  @Test
  void aRecursiveAliasIsAnError() {
    assertThat(failure("a: &x [1, *x]\n").located())
        .isEqualTo(
            "f.yaml:1:11: alias '*x' is inside the node it names; a recursive structure has no"
                + " JSON form");
  }

  @Test
  void aControlCharacterIsReportedWhereItIs() {
    assertThat(failure("a: 1\nb: \"x\u0001\"\n").located())
        .startsWith("f.yaml:2:6: invalid YAML: character U+0001 is not allowed in YAML");
  }

  @Test
  void nestingBeyondAThousandLevelsIsAnErrorNotACrash() {
    String deep = "a: " + "[".repeat(20_000) + "]".repeat(20_000) + "\n";

    assertThat(failure(deep).getMessage()).contains("nest deeper than 1000 levels");
  }

  @Test
  void readsOneDocumentLargerThanSnakeYamlsDefaultLimit() throws Exception {
    StringBuilder list = new StringBuilder("apiVersion: v1\nkind: List\nitems:\n");
    String item = "  - {apiVersion: v1, kind: ConfigMap, metadata: {name: c%d}, data: {k: %s}}\n";
    for (int i = 0; list.length() < 4_000_000; i++) {
      list.append(String.format(item, i, "x".repeat(100)));
    }

    JsonNode root = YamlReader.read("list.yaml", list.toString()).get(0).root();

    assertThat(root.get("items").size()).isGreaterThan(20_000);
  }
}
