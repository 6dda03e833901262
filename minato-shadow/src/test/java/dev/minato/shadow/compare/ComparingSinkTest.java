package dev.minato.shadow.compare;

import static dev.minato.shadow.compare.Responses.failed;
import static dev.minato.shadow.compare.Responses.get;
import static dev.minato.shadow.compare.Responses.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.minato.shadow.exchange.Outcome;
import dev.minato.shadow.route.Endpoint;
import dev.minato.shadow.route.RouteTemplates;
import dev.minato.shadow.rules.ShadowRules;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ComparingSinkTest {

  final ComparingSink sink = new ComparingSink(ShadowRules.DEFAULT, new RouteTemplates(10));

  /** A user as the old service answers it: a fresh timestamp and request id every time. */
  static Outcome.Answered user(int id, String name) {
    return json(
        200,
        "{\"id\":"
            + id
            + ",\"name\":\""
            + name
            + "\",\"at\":\""
            + System.nanoTime()
            + "\",\"requestId\":\""
            + UUID.randomUUID()
            + "\"}");
  }

  @Test
  void fieldsBothOldCopiesDisagreeOnAreNoiseNotFindings() {
    for (int i = 0; i < 20; i++) {
      sink.accept(get("/users/" + i, user(i, "ann"), user(i, "ann"), user(i, "ann")));
    }
    ShadowResults results = sink.results();
    assertThat(results.differing()).isZero();
    EndpointResult users = results.endpoints().get(0);
    assertThat(users.endpoint()).isEqualTo(new Endpoint("GET", "/users/{id}"));
    assertThat(users.regressions()).isEmpty();
    assertThat(users.noise()).extracting(FieldResult::field).containsExactly("$.at", "$.requestId");
  }

  @Test
  void aChangedFieldIsFoundWithAnExampleBesideTheNoise() {
    for (int i = 0; i < 20; i++) {
      sink.accept(get("/users/" + i, user(i, "ann"), user(i, "Ann"), user(i, "ann")));
    }
    EndpointResult users = sink.results().endpoints().get(0);
    assertThat(users.regressions()).extracting(FieldResult::field).containsExactly("$.name");
    assertThat(users.regressions().get(0).example())
        .contains(new Example("/users/0", "ann", "Ann"));
    assertThat(users.differing()).isEqualTo(20);
    assertThat(users.diffRate()).isEqualTo(1.0);
  }

  @Test
  void aMissingFieldIsFound() {
    sink.accept(
        get(
            "/a",
            json(200, "{\"x\":1,\"y\":2}"),
            json(200, "{\"x\":1}"),
            json(200, "{\"x\":1,\"y\":2}")));
    assertThat(sink.results().endpoints().get(0).regressions())
        .extracting(FieldResult::field, r -> r.example().orElseThrow().other())
        .containsExactly(org.assertj.core.groups.Tuple.tuple("$.y (missing)", "(absent)"));
  }

  @Test
  void aNoisyFieldGoneFromTheCandidateIsStillARegression() {
    for (int i = 0; i < 5; i++) {
      Outcome.Answered old = user(i, "ann");
      sink.accept(
          get(
              "/u",
              old,
              json(200, "{\"id\":" + i + ",\"name\":\"ann\",\"at\":\"x\"}"),
              user(i, "ann")));
    }
    EndpointResult u = sink.results().endpoints().get(0);
    assertThat(u.regressions())
        .extracting(FieldResult::field)
        .containsExactly("$.requestId (missing)");
    // The old copies' own disagreement on the id is listed as noise beside the regression.
    assertThat(u.noise()).extracting(FieldResult::field).containsExactly("$.at", "$.requestId");
  }

  @Test
  void oneFailingEndpointIsFoundAndTheOthersStayClean() {
    for (int i = 0; i < 10; i++) {
      sink.accept(get("/ok/" + i, json(200, "{}"), json(200, "{}"), json(200, "{}")));
      sink.accept(get("/orders/" + i, json(200, "{}"), json(500, "{}"), json(200, "{}")));
    }
    ShadowResults results = sink.results();
    assertThat(results.endpoints())
        .extracting(e -> e.endpoint().route(), EndpointResult::differing)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("/ok/{id}", 0L),
            org.assertj.core.groups.Tuple.tuple("/orders/{id}", 10L));
    assertThat(results.diffRate()).isEqualTo(0.5);
  }

  @Test
  void anUnreachableCandidateIsCountedByKindAndIsARegression() {
    sink.accept(get("/a", json(200, "{}"), failed("connect"), json(200, "{}")));
    EndpointResult a = sink.results().endpoints().get(0);
    assertThat(a.candidateFailures()).containsEntry("connect", 1L);
    assertThat(a.regressions()).extracting(FieldResult::field).containsExactly("outcome");
  }

  @Test
  void aPrimaryThatResetsIsCountedAndNotJudged() {
    sink.accept(get("/a", failed("reset"), json(200, "{}"), json(200, "{}")));
    ShadowResults results = sink.results();
    assertThat(results.primaryFailures()).containsEntry("reset", 1L);
    assertThat(results.requests()).isEqualTo(1);
    assertThat(results.compared()).isZero();
  }

  @Test
  void aFailingSecondaryCannotExcuseAFailingCandidate() {
    sink.accept(get("/a", json(200, "{}"), failed("connect"), failed("connect")));
    EndpointResult a = sink.results().endpoints().get(0);
    assertThat(a.secondaryFailures()).containsEntry("connect", 1L);
    assertThat(a.withSecondary()).isZero();
    assertThat(a.differing()).isEqualTo(1);
  }

  @Test
  void withoutASecondaryEveryDifferenceIsAFinding() {
    sink.accept(get("/a", user(1, "ann"), user(1, "ann"), null));
    assertThat(sink.results().endpoints().get(0).regressions())
        .extracting(FieldResult::field)
        .containsExactly("$.at", "$.requestId");
  }
}
