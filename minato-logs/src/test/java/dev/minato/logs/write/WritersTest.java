package dev.minato.logs.write;

import static org.assertj.core.api.Assertions.assertThat;

import dev.minato.logs.LogEvent;
import dev.minato.logs.read.JsonLineParser;
import dev.minato.logs.read.LtsvParser;
import dev.minato.logs.read.Reading;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WritersTest {

  private static LogEvent event(String... labelsAndValues) {
    Map<String, String> fields = new LinkedHashMap<>();
    for (int i = 0; i < labelsAndValues.length; i += 2) {
      fields.put(labelsAndValues[i], labelsAndValues[i + 1]);
    }
    return new LogEvent(fields);
  }

  @Test
  void jsonWritesEveryValueAsAStringInOrder() {
    assertThat(new JsonLinesWriter().format(event("status", "200", "msg", "ok")))
        .isEqualTo("{\"status\":\"200\",\"msg\":\"ok\"}");
  }

  @Test
  void jsonEscapesQuotesBackslashesAndControlCharacters() {
    assertThat(new JsonLinesWriter().format(event("m", "a\"b\\c\nd\u0001\u2028")))
        .isEqualTo("{\"m\":\"a\\\"b\\\\c\\nd\\u0001\\u2028\"}");
  }

  @Test
  void jsonRoundTripsThroughTheReader() {
    LogEvent original = event("a", "x\ty\"z", "b", "ünï", "c", "");
    String line = new JsonLinesWriter().format(original);
    assertThat(((Reading.Parsed) new JsonLineParser().parse(line)).event()).isEqualTo(original);
  }

  @Test
  void ltsvJoinsFieldsWithTabs() {
    assertThat(new LtsvWriter().format(event("a", "1", "url", "http://x:1/")))
        .isEqualTo("a:1\turl:http://x:1/");
  }

  @Test
  void ltsvWritesLineBreakingCharactersAsEscapesSoALineStaysALine() {
    assertThat(new LtsvWriter().format(event("trace", "a\tb\nc\rd", "x:y", "1")))
        .isEqualTo("trace:a\\tb\\nc\\rd\tx_y:1");
  }

  @Test
  void ltsvRoundTripsPlainValues() {
    LogEvent original = event("time", "12:00", "msg", "hello world");
    String line = new LtsvWriter().format(original);
    assertThat(((Reading.Parsed) new LtsvParser().parse(line)).event()).isEqualTo(original);
  }
}
