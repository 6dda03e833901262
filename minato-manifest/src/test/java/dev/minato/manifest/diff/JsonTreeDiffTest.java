package dev.minato.manifest.diff;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonTreeDiffTest {

  static JsonNode json(String text) {
    try {
      return new ObjectMapper().readTree(text);
    } catch (Exception e) {
      throw new IllegalArgumentException(e);
    }
  }

  static List<String> lines(String before, String after, JsonTreeDiff.Rules rules) {
    return JsonTreeDiff.between(json(before), json(after), rules).stream()
        .flatMap(change -> change.lines().stream())
        .toList();
  }

  @Test
  void reportsEachDifferingLeafWithItsJsonPath() {
    assertThat(
            lines(
                "{\"user\":{\"name\":\"ann\",\"age\":3},\"tags\":[\"a\",\"b\"]}",
                "{\"user\":{\"name\":\"bob\",\"age\":3},\"tags\":[\"a\",\"c\"]}",
                JsonTreeDiff.Rules.EXACT))
        .containsExactly("~ $.tags[1]: b → c", "~ $.user.name: ann → bob");
  }

  @Test
  void namesMissingAndAddedFieldsAndQuotesKeysThatAreNotWords() {
    assertThat(lines("{\"a.b\":1,\"gone\":2}", "{\"a.b\":1,\"new\":3}", JsonTreeDiff.Rules.EXACT))
        .containsExactly("- $.gone: 2", "+ $.new: 3");
    assertThat(lines("{\"a.b\":1}", "{\"a.b\":2}", JsonTreeDiff.Rules.EXACT))
        .containsExactly("~ $[\"a.b\"]: 1 → 2");
  }

  @Test
  void comparesNumbersByValue() {
    assertThat(lines("{\"n\":2}", "{\"n\":2.0}", JsonTreeDiff.Rules.EXACT)).isEmpty();
  }

  @Test
  void aTypeChangeIsOneChangeAtThatField() {
    assertThat(lines("{\"n\":{\"x\":1}}", "{\"n\":[1]}", JsonTreeDiff.Rules.EXACT))
        .containsExactly("~ $.n: {x: 1} → [1]");
  }

  @Test
  void listsTheRulesCallUnorderedAreComparedAsSets() {
    JsonTreeDiff.Rules sets =
        new JsonTreeDiff.Rules() {
          @Override
          public boolean unordered(FieldPath path) {
            return path.text().equals("$.ids");
          }
        };
    assertThat(lines("{\"ids\":[1,2,3]}", "{\"ids\":[3,1,2]}", sets)).isEmpty();
    assertThat(lines("{\"ids\":[1,2,3]}", "{\"ids\":[3,4,2]}", sets))
        .containsExactly("- $.ids[0]: 1", "+ $.ids[1]: 4");
  }

  @Test
  void ignoredFieldsAndEquivalentValuesAreNotChanges() {
    JsonTreeDiff.Rules rules =
        new JsonTreeDiff.Rules() {
          @Override
          public boolean ignored(FieldPath path) {
            return path.text().equals("$.meta");
          }

          @Override
          public boolean equivalent(FieldPath path, JsonNode before, JsonNode after) {
            return Math.abs(before.asDouble() - after.asDouble()) <= 0.5;
          }
        };
    assertThat(
            lines(
                "{\"meta\":{\"at\":1},\"price\":10.0}",
                "{\"meta\":{\"at\":2},\"price\":10.4}",
                rules))
        .isEmpty();
    assertThat(lines("{\"price\":10.0}", "{\"price\":11}", rules))
        .containsExactly("~ $.price: 10.0 → 11");
  }

  @Test
  void equivalenceNeverHidesAFieldThatIsMissingOnOneSide() {
    JsonTreeDiff.Rules everythingEqual =
        new JsonTreeDiff.Rules() {
          @Override
          public boolean equivalent(FieldPath path, JsonNode before, JsonNode after) {
            return true;
          }
        };
    assertThat(lines("{\"a\":1}", "{}", everythingEqual)).containsExactly("- $.a: 1");
  }
}
