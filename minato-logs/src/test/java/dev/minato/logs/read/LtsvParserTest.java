package dev.minato.logs.read;

import static org.assertj.core.api.Assertions.assertThat;

import dev.minato.logs.LogEvent;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LtsvParserTest {

  private final LtsvParser parser = new LtsvParser();

  private LogEvent parsed(String line) {
    Reading reading = parser.parse(line);
    assertThat(reading).isInstanceOf(Reading.Parsed.class);
    return ((Reading.Parsed) reading).event();
  }

  private Reading.Problem problem(String line) {
    Reading reading = parser.parse(line);
    assertThat(reading).isInstanceOf(Reading.Problem.class);
    return (Reading.Problem) reading;
  }

  @Test
  void readsLabelsInLineOrder() {
    assertThat(parsed("time:2026-11-30T12:00:00Z\thost:10.0.0.1\tstatus:200").fields())
        .containsExactly(
            Map.entry("time", "2026-11-30T12:00:00Z"),
            Map.entry("host", "10.0.0.1"),
            Map.entry("status", "200"));
  }

  @Test
  void labelsAlikeInLengthAndFirstLetterStayApartAcrossLines() {
    // "host" and "hash" share the parser's slot for recently seen labels.
    assertThat(parsed("host:a\thash:b").fields())
        .containsExactly(Map.entry("host", "a"), Map.entry("hash", "b"));
    assertThat(parsed("hash:c\thost:d").fields())
        .containsExactly(Map.entry("hash", "c"), Map.entry("host", "d"));
    assertThat(parsed("host:e").fields()).containsExactly(Map.entry("host", "e"));
  }

  @Test
  void aLabelRepeatedOnEveryLineIsOneString() {
    assertThat(parsed("msg:a").label(0)).isSameAs(parsed("msg:b").label(0));
  }

  @Test
  void keepsColonsInValuesAndEmptyValues() {
    assertThat(parsed("url:http://a:8080/x\tuser:").fields())
        .containsExactly(Map.entry("url", "http://a:8080/x"), Map.entry("user", ""));
  }

  @Test
  void skipsEmptyFieldsAndATrailingCarriageReturn() {
    assertThat(parsed("a:1\t\tb:2\t\r").fields())
        .containsExactly(Map.entry("a", "1"), Map.entry("b", "2"));
  }

  @Test
  void aFieldWithoutColonIsAProblemAtItsColumn() {
    Reading.Problem problem = problem("a:1\tbroken\tc:3");
    assertThat(problem.column()).isEqualTo(5);
    assertThat(problem.message()).contains("without ':'");
    assertThat(problem.line()).isEqualTo("a:1\tbroken\tc:3");
  }

  @Test
  void anEmptyLabelIsAProblem() {
    assertThat(problem("a:1\t:x").column()).isEqualTo(5);
  }

  @Test
  void aRepeatedLabelIsAProblemRatherThanALostValue() {
    assertThat(problem("a:1\ta:2").message()).contains("'a' appears twice");
  }

  @Test
  void anEmptyLineIsAProblem() {
    assertThat(problem("").column()).isEqualTo(1);
    assertThat(problem("\t\t").message()).contains("tabs only");
  }
}
