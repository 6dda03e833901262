package dev.minato.logs.read;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonLineParserTest {

  private final JsonLineParser parser = new JsonLineParser();

  @Test
  void readsScalarsAsWrittenInOrder() {
    Reading reading =
        parser.parse("{\"msg\":\"hi\",\"status\":200,\"ok\":true,\"x\":null,\"f\":1.50}");
    assertThat(((Reading.Parsed) reading).event().fields())
        .containsExactly(
            Map.entry("msg", "hi"),
            Map.entry("status", "200"),
            Map.entry("ok", "true"),
            Map.entry("x", "null"),
            Map.entry("f", "1.50"));
  }

  @Test
  void flattensNestedObjectsIntoDottedLabelsAndKeepsArraysAsJson() {
    Reading reading = parser.parse("{\"user\":{\"email\":\"a@b.io\",\"id\":7},\"tags\":[1,\"x\"]}");
    assertThat(((Reading.Parsed) reading).event().fields())
        .containsExactly(
            Map.entry("user.email", "a@b.io"),
            Map.entry("user.id", "7"),
            Map.entry("tags", "[1,\"x\"]"));
  }

  @Test
  void notAnObjectIsAProblem() {
    Reading.Problem problem = (Reading.Problem) parser.parse("[1,2]");
    assertThat(problem.column()).isEqualTo(1);
    assertThat(problem.message()).contains("JSON object");
  }

  @Test
  void brokenJsonIsAProblemAtTheColumnJacksonStopped() {
    Reading.Problem problem = (Reading.Problem) parser.parse("{\"a\":\"x\",\"b\" 1}");
    assertThat(problem.column()).isEqualTo(14);
  }

  @Test
  void aTruncatedLineIsAProblemNotAnException() {
    assertThat(parser.parse("{\"a\":\"unterminated")).isInstanceOf(Reading.Problem.class);
    assertThat(parser.parse("")).isInstanceOf(Reading.Problem.class);
  }

  @Test
  void textAfterTheObjectIsAProblem() {
    assertThat(((Reading.Problem) parser.parse("{\"a\":1} {\"b\":2}")).message())
        .contains("after the JSON object");
  }

  @Test
  void aRepeatedKeyIsAProblem() {
    assertThat(((Reading.Problem) parser.parse("{\"a\":1,\"a\":2}")).message())
        .contains("'a' appears twice");
  }
}
