package dev.minato.shadow.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.minato.manifest.ManifestException;
import dev.minato.manifest.diff.FieldPath;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RulesReaderTest {

  @TempDir Path dir;

  ShadowRules read(String yaml) throws Exception {
    Path file = dir.resolve("rules.yaml");
    Files.writeString(file, yaml);
    return RulesReader.read(file);
  }

  @Test
  void readsEveryKindOfRule() throws Exception {
    ShadowRules rules =
        read(
            """
            ignore: [$.meta.requestId]
            sets: ['$.items[*].tags']
            tolerance:
              - {path: $.price, within: 0.01}
            values: [uuid, {name: ref, regex: 'req-[0-9]+', paths: [$.ref]}]
            headers: {compare: [X-Api-Version], ignore: [Vary]}
            redact: {headers: [X-Session], query: [token], paths: [$..password], patterns: ['sk_[a-z0-9]+']}
            noise: {relative: 0.5, absolute: 0.01}
            """);
    assertThat(rules.ignored(new FieldPath("$.meta.requestId"))).isTrue();
    assertThat(rules.unordered(new FieldPath("$.items[3].tags"))).isTrue();
    assertThat(
            rules.equivalent(
                new FieldPath("$.price"),
                new DecimalNode(new BigDecimal("1.00")),
                new DecimalNode(new BigDecimal("1.01"))))
        .isTrue();
    assertThat(
            rules.equivalent(new FieldPath("$.ref"), new TextNode("req-1"), new TextNode("req-2")))
        .isTrue();
    assertThat(rules.headers().compares("x-api-version")).isTrue();
    assertThat(rules.headers().compares("Vary")).isFalse();
    assertThat(rules.redaction().target("/a?token=abc&x=1")).isEqualTo("/a?token=***&x=1");
    assertThat(rules.redaction().header("X-Session", "s")).isEqualTo("***");
    assertThat(rules.redaction().text("key sk_live1 here")).isEqualTo("key *** here");
    assertThat(rules.noise()).isEqualTo(new NoiseRule(0.5, 0.01));
  }

  @Test
  void anEmptyFileMeansTheDefaults() throws Exception {
    assertThat(read("")).isEqualTo(ShadowRules.DEFAULT);
  }

  @Test
  void anUnknownFieldIsReportedAtItsKeyWithASuggestion() {
    assertThatThrownBy(() -> read("ignore: []\nsetz: []\n"))
        .isInstanceOf(ManifestException.class)
        .satisfies(
            e ->
                assertThat(((ManifestException) e).located())
                    .contains("rules.yaml:2:1")
                    .contains("unknown field 'setz'")
                    .contains("did you mean 'sets'?"));
  }

  @Test
  void aBadJsonPathIsReportedAtTheValue() {
    assertThatThrownBy(() -> read("ignore:\n  - $.a\n  - user.id\n"))
        .satisfies(
            e ->
                assertThat(((ManifestException) e).located())
                    .contains("rules.yaml:3:5")
                    .contains("expected it to start with '$'"));
  }

  @Test
  void anUnknownPresetSuggestsTheClosest() {
    assertThatThrownBy(() -> read("values: [uuuid]\n"))
        .satisfies(
            e ->
                assertThat(((ManifestException) e).located())
                    .contains("rules.yaml:1:10")
                    .contains("did you mean 'uuid'?"));
  }

  @Test
  void aNegativeToleranceAndARateAboveOneAreRefused() {
    assertThatThrownBy(() -> read("tolerance: [{path: $.a, within: -1}]\n"))
        .hasMessageContaining("expected a number at least 0");
    assertThatThrownBy(() -> read("noise: {relative: 2}\n"))
        .hasMessageContaining("expected a rate from 0 to 1");
  }

  @Test
  void anInvalidRegexIsRefusedWithItsReason() {
    assertThatThrownBy(() -> read("redact: {patterns: ['a(']}\n"))
        .hasMessageContaining("is not a regular expression");
  }
}
