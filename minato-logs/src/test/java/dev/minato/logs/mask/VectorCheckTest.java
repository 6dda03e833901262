package dev.minato.logs.mask;

import static org.assertj.core.api.Assertions.assertThat;

import dev.minato.logs.rules.Ruleset;
import dev.minato.logs.rules.RulesetReader;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class VectorCheckTest {

  private static final String RULES =
      """
      rules:
        - name: cards
          value: card
          action: partial
      routing:
        label: app
      tests:
        - name: passes
          input: "app:shop\\tmsg:4111111111111111"
          expect: "app:shop\\tmsg:************1111"
          stream: shop
        - name: wrong line
          input: "app:shop\\tmsg:4111111111111111"
          expect: "app:shop\\tmsg:4111111111111111"
        - name: wrong stream
          input: "app:shop\\tmsg:x"
          expect: "app:shop\\tmsg:x"
          stream: other
        - name: not ltsv
          input: "no colon here"
          expect: "x"
      """;

  @Test
  void aCasePassesOnlyWhenLineAndStreamAreAsExpected() throws Exception {
    Ruleset ruleset = RulesetReader.read("logs.yaml", RULES, Path.of("."));
    Masker masker = Masker.of(ruleset, Map.of());
    var checks =
        ruleset.tests().stream().map(c -> VectorCheck.run(c, masker, ruleset.routing())).toList();
    assertThat(checks).extracting(VectorCheck::passed).containsExactly(true, false, false, false);
    assertThat(checks.get(1).actual()).isEqualTo("app:shop\tmsg:************1111");
    assertThat(checks.get(2).stream()).contains("shop");
    assertThat(checks.get(3).actual()).startsWith("(input is not ltsv: column 1:");
  }
}
