package dev.minato.manifest.selector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.minato.manifest.InvalidValueException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LabelSelectorTest {

  private static final Map<String, String> EDGE_IN_A = Map.of("role", "edge", "zone", "a");

  private static boolean selects(String selector) throws InvalidValueException {
    return LabelSelector.parse(selector).matches(EDGE_IN_A);
  }

  private static JsonNode json(String text) throws Exception {
    return new ObjectMapper().readTree(text);
  }

  @Test
  void readsEveryFormOfKubectlDashL() throws Exception {
    assertThat(selects("role=edge")).isTrue();
    assertThat(selects("role==edge,zone!=b")).isTrue();
    assertThat(selects("role,!gpu")).isTrue();
    assertThat(selects("zone in (a, b),role notin (db)")).isTrue();
    assertThat(selects("zone in (b,c)")).isFalse();
    assertThat(selects("!role")).isFalse();
    assertThat(selects("role!=edge")).isFalse();
  }

  @Test
  void theEmptySelectorSelectsEverything() throws Exception {
    assertThat(LabelSelector.parse("  ")).isEqualTo(LabelSelector.EVERYTHING);
    assertThat(selects("")).isTrue();
  }

  @Test
  void acceptsSpacesAndPrefixedKeysAsKubernetesDoes() throws Exception {
    LabelSelector selector =
        LabelSelector.parse(" node-role.kubernetes.io/worker , ! node-role.kubernetes.io/gpu ");

    assertThat(selector.matches(Map.of("node-role.kubernetes.io/worker", ""))).isTrue();
    assertThat(selector).hasToString("node-role.kubernetes.io/worker,!node-role.kubernetes.io/gpu");
  }

  @Test
  void anEmptyValueAfterEqualsMeansTheEmptyLabelValue() throws Exception {
    assertThat(LabelSelector.parse("gpu=").matches(Map.of("gpu", ""))).isTrue();
    assertThat(LabelSelector.parse("gpu=").matches(Map.of("gpu", "yes"))).isFalse();
  }

  @Test
  void printsWhatItReadsInKubectlSyntax() throws Exception {
    assertThat(LabelSelector.parse("tier notin (db, cache),app==web"))
        .hasToString("tier notin (cache,db),app=web");
    assertThat(LabelSelector.parse(LabelSelector.parse("a in (x,y),!b").toString()))
        .isEqualTo(LabelSelector.parse("a in (y,x),!b"));
  }

  @Test
  void saysWhereAndWhatWasExpectedWhenAValueIsMissing() {
    assertThatThrownBy(() -> LabelSelector.parse("role=(edge"))
        .isInstanceOf(InvalidValueException.class)
        .hasMessage(
            "'role=(edge' is not a label selector: at column 6, expected a label value after '=',"
                + " found '('; write requirements such as role=edge, role!=db, role, !role or"
                + " zone in (a,b)");
  }

  @Test
  void rejectsAnUnclosedOrEmptySet() {
    assertThatThrownBy(() -> LabelSelector.parse("zone in (a,b"))
        .hasMessageContaining(
            "at column 13, expected ',' or ')' in the set of values, found the end");
    assertThatThrownBy(() -> LabelSelector.parse("zone in ()"))
        .hasMessageContaining("expected at least one value between the parentheses");
    assertThatThrownBy(() -> LabelSelector.parse("zone in a"))
        .hasMessageContaining("expected '(' after 'in', found 'a'");
  }

  /** The edge's old parser took {@code role=a=b} as role equal to "a=b". */
  @Test
  void rejectsASecondOperatorInOneRequirement() {
    assertThatThrownBy(() -> LabelSelector.parse("role=a=b"))
        .hasMessageContaining(
            "at column 7, expected ',' or the end after a requirement, found '='");
  }

  /** kubectl has no '>' for labels in this syntax; the old parser took 'count>1' as a key. */
  @Test
  void rejectsKeysThatAreNotLabelKeys() {
    assertThatThrownBy(() -> LabelSelector.parse("count>1"))
        .hasMessageContaining("'count>1' is not a label key");
    assertThatThrownBy(() -> LabelSelector.parse("Example.com/app=x"))
        .hasMessageContaining("the prefix 'Example.com' of key 'Example.com/app'");
    assertThatThrownBy(() -> LabelSelector.parse("app=-x"))
        .hasMessageContaining("'-x' is not a label value");
  }

  @Test
  void rejectsATrailingComma() {
    assertThatThrownBy(() -> LabelSelector.parse("a=b,"))
        .hasMessageContaining("expected a label key, found the end");
  }

  @Test
  void readsAServiceSelectorAsRequiredLabels() throws Exception {
    LabelSelector selector = LabelSelector.ofMap(json("{\"app\": \"web\", \"tier\": \"api\"}"));

    assertThat(selector.matches(Map.of("app", "web", "tier", "api", "x", "y"))).isTrue();
    assertThat(selector.matches(Map.of("app", "web"))).isFalse();
    assertThat(selector.requiredLabel()).contains(Map.entry("app", "web"));
  }

  @Test
  void readsMatchLabelsAndMatchExpressions() throws Exception {
    LabelSelector selector =
        LabelSelector.of(
            json(
                "{\"matchLabels\": {\"app\": \"web\"}, \"matchExpressions\": ["
                    + "{\"key\": \"zone\", \"operator\": \"In\", \"values\": [\"a\", \"b\"]},"
                    + "{\"key\": \"gpu\", \"operator\": \"DoesNotExist\"}]}"));

    assertThat(selector.matches(Map.of("app", "web", "zone", "a"))).isTrue();
    assertThat(selector.matches(Map.of("app", "web", "zone", "a", "gpu", "1"))).isFalse();
    assertThat(selector).hasToString("app=web,zone in (a,b),!gpu");
  }

  @Test
  void aMissingSelectorNodeIsEmpty() throws Exception {
    assertThat(LabelSelector.of(json("{}").path("selector")).isEmpty()).isTrue();
  }

  /** The checker's reading let an unknown operator match nothing; the API server refuses it. */
  @Test
  void rejectsOperatorsAndValuesTheApiServerRefuses() {
    assertThatThrownBy(
            () ->
                LabelSelector.of(
                    json(
                        "{\"matchExpressions\": [{\"key\": \"a\", \"operator\": \"in\", \"values\": [\"x\"]}]}")))
        .hasMessage("'in' is not a selector operator; expected In, NotIn, Exists or DoesNotExist");
    assertThatThrownBy(
            () ->
                LabelSelector.of(
                    json("{\"matchExpressions\": [{\"key\": \"a\", \"operator\": \"In\"}]}")))
        .hasMessage("operator In on 'a' needs at least one value");
    assertThatThrownBy(
            () ->
                LabelSelector.of(
                    json(
                        "{\"matchExpressions\": [{\"key\": \"a\", \"operator\": \"Exists\", \"values\": [\"x\"]}]}")))
        .hasMessage("operator Exists on 'a' takes no values");
  }
}
