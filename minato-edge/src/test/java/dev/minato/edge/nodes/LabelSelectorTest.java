package dev.minato.edge.nodes;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class LabelSelectorTest {

  private static LabelSelector parse(String text) {
    return LabelSelector.parse(text, new StringBuilder()).orElseThrow();
  }

  @Test
  void supportsEqualityInequalityExistenceAndSets() {
    Map<String, String> labels = Map.of("role", "edge", "zone", "a");

    assertThat(parse("role=edge").matches(labels)).isTrue();
    assertThat(parse("role==edge,zone!=b").matches(labels)).isTrue();
    assertThat(parse("role,!gpu").matches(labels)).isTrue();
    assertThat(parse("zone in (a, b),role notin (db)").matches(labels)).isTrue();
    assertThat(parse("zone in (b,c)").matches(labels)).isFalse();
    assertThat(parse("!role").matches(labels)).isFalse();
    assertThat(parse("").matches(labels)).isTrue();
  }

  @Test
  void rejectsWhatIsNotARequirement() {
    StringBuilder problem = new StringBuilder();

    assertThat(LabelSelector.parse("role=(edge", problem)).isEmpty();
    assertThat(problem.toString()).contains("is not a label requirement");
  }
}
