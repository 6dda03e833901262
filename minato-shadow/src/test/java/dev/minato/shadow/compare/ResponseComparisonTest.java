package dev.minato.shadow.compare;

import static dev.minato.shadow.compare.Responses.answered;
import static dev.minato.shadow.compare.Responses.failed;
import static dev.minato.shadow.compare.Responses.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.minato.shadow.exchange.Body;
import dev.minato.shadow.exchange.Header;
import dev.minato.shadow.exchange.Outcome;
import dev.minato.shadow.rules.ShadowRules;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResponseComparisonTest {

  final ResponseComparison comparison = new ResponseComparison(ShadowRules.DEFAULT);

  @Test
  void equalResponsesHaveNoDifferences() {
    assertThat(comparison.between(json(200, "{\"a\":1}"), json(200, "{\"a\":1}"))).isEmpty();
  }

  @Test
  void jsonBodiesDifferFieldByFieldWithPaths() {
    assertThat(
            comparison.between(
                json(200, "{\"user\":{\"name\":\"ann\",\"id\":1}}"),
                json(200, "{\"user\":{\"name\":\"bob\"}}")))
        .containsExactly(
            new Difference("$.user.id (missing)", "1", "(absent)"),
            new Difference("$.user.name", "ann", "bob"));
  }

  @Test
  void statusAndComparedHeadersDifferButDateIsNotCompared() {
    assertThat(
            comparison.between(
                answered(200, "application/json", "{}"), answered(503, "text/plain", "{}")))
        .containsExactly(
            new Difference("status", "200", "503"),
            new Difference("header content-type", "application/json", "text/plain"));
  }

  @Test
  void textBodiesDifferLineByLine() {
    assertThat(
            comparison.between(
                answered(200, "text/plain", "one\ntwo\nthree\n"),
                answered(200, "text/plain", "one\n2\nthree\n")))
        .containsExactly(new Difference("body line 2", "two", "2"));
  }

  @Test
  void bodiesOverTheLimitAreComparedByHash() {
    Outcome.Answered small = bodyOf("{\"a\":1}", 2);
    Outcome.Answered other = bodyOf("{\"a\":2}", 2);
    List<Difference> differences = comparison.between(small, other);
    assertThat(differences).hasSize(1);
    assertThat(differences.get(0).field()).isEqualTo("body (sha256)");
    assertThat(comparison.between(small, bodyOf("{\"a\":1}", 2))).isEmpty();
  }

  @Test
  void aFailureIsAnOutcomeDifferenceNamingItsKind() {
    assertThat(comparison.between(json(200, "{}"), failed("connect")))
        .containsExactly(new Difference("outcome", "answered 200", "failed: connect"));
  }

  private static Outcome.Answered bodyOf(String text, int limit) {
    return new Outcome.Answered(
        200,
        List.of(new Header("Content-Type", "application/json")),
        Body.of(text.getBytes(StandardCharsets.UTF_8), limit),
        1);
  }
}
