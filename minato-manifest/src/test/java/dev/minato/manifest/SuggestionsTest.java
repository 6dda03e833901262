package dev.minato.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SuggestionsTest {

  @Test
  void suggestsTheClosestNameWithinAFewEdits() {
    assertThat(Suggestions.closest("replica", List.of("replicas", "resources")))
        .hasValue("replicas");
    assertThat(Suggestions.closest("imgae", List.of("image", "port"))).hasValue("image");
  }

  @Test
  void suggestsNothingForAnUnrelatedName() {
    assertThat(Suggestions.closest("colour", List.of("image", "port"))).isEmpty();
  }
}
