package dev.minato.logs.read;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class NginxCombinedParserTest {

  private static final String LINE =
      "203.0.113.9 - alice [30/Nov/2026:12:00:01 +0000] \"GET /cart?id=7 HTTP/1.1\" 200 512"
          + " \"https://shop.example/\" \"Mozilla/5.0 (X11; Linux)\"";

  private final NginxCombinedParser parser = new NginxCombinedParser();

  @Test
  void readsEveryFieldUnderNginxVariableNames() {
    assertThat(((Reading.Parsed) parser.parse(LINE)).event().fields())
        .containsExactly(
            Map.entry("remote_addr", "203.0.113.9"),
            Map.entry("remote_user", "alice"),
            Map.entry("time_local", "30/Nov/2026:12:00:01 +0000"),
            Map.entry("request", "GET /cart?id=7 HTTP/1.1"),
            Map.entry("request_method", "GET"),
            Map.entry("request_uri", "/cart?id=7"),
            Map.entry("server_protocol", "HTTP/1.1"),
            Map.entry("status", "200"),
            Map.entry("body_bytes_sent", "512"),
            Map.entry("http_referer", "https://shop.example/"),
            Map.entry("http_user_agent", "Mozilla/5.0 (X11; Linux)"));
  }

  @Test
  void anUnreadableRequestKeepsOnlyTheRequestField() {
    String line =
        "10.0.0.1 - - [30/Nov/2026:12:00:01 +0000] \"\\x16\\x03\\x01\" 400 150 \"-\" \"-\"";
    var fields = ((Reading.Parsed) parser.parse(line)).event().fields();
    assertThat(fields).containsEntry("request", "\\x16\\x03\\x01").doesNotContainKey("request_uri");
  }

  @Test
  void skipsEscapedQuotesInsideQuotedFields() {
    String line = "10.0.0.1 - - [t] \"GET / HTTP/1.1\" 200 - \"-\" \"say \\\"hi\\\"\"";
    assertThat(((Reading.Parsed) parser.parse(line)).event().get("http_user_agent"))
        .contains("say \\\"hi\\\"");
  }

  @Test
  void keepsTextAfterTheUserAgentAsExtra() {
    assertThat(((Reading.Parsed) parser.parse(LINE + " \"198.51.100.1\"")).event().get("extra"))
        .contains("\"198.51.100.1\"");
  }

  @Test
  void aNonNumericStatusIsAProblemAtItsColumn() {
    String line = "10.0.0.1 - - [t] \"GET / HTTP/1.1\" 2x0 5 \"-\" \"-\"";
    Reading.Problem problem = (Reading.Problem) parser.parse(line);
    assertThat(problem.column()).isEqualTo(line.indexOf("2x0") + 2);
    assertThat(problem.message()).contains("status");
  }

  @Test
  void aTruncatedLineIsAProblemAtItsEnd() {
    String line = "10.0.0.1 - - [t] \"GET / HTTP/1.1\" 200 5 \"-\" \"Mozil";
    Reading.Problem problem = (Reading.Problem) parser.parse(line);
    assertThat(problem.column()).isEqualTo(line.length() + 1);
    assertThat(problem.message()).contains("closing");
  }

  @Test
  void aMissingDashIsAProblem() {
    assertThat(((Reading.Problem) parser.parse("10.0.0.1 x - [t]")).message()).contains("'-'");
  }
}
