package dev.minato.shadow.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.minato.shadow.compare.ComparingSink;
import dev.minato.shadow.compare.ShadowResults;
import dev.minato.shadow.exchange.Body;
import dev.minato.shadow.exchange.CapturedRequest;
import dev.minato.shadow.exchange.Exchange;
import dev.minato.shadow.exchange.Header;
import dev.minato.shadow.exchange.Outcome;
import dev.minato.shadow.route.RouteTemplates;
import dev.minato.shadow.rules.ShadowRules;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ReportsTest {

  static Outcome json(int status, String body) {
    return new Outcome.Answered(
        status,
        List.of(new Header("Content-Type", "application/json")),
        Body.of(body.getBytes(StandardCharsets.UTF_8), 4096),
        1);
  }

  static ShadowResults results() {
    ComparingSink sink = new ComparingSink(ShadowRules.DEFAULT, new RouteTemplates(10));
    for (int i = 0; i < 4; i++) {
      sink.accept(
          new Exchange(
              new CapturedRequest("GET", "/users/" + i + "?token=s3cret", List.of(), Body.EMPTY),
              json(200, "{\"name\":\"<b>ann</b>\",\"n\":" + i + "}"),
              json(200, "{\"name\":\"ann\",\"n\":" + i + "}"),
              Optional.of(json(200, "{\"name\":\"<b>ann</b>\",\"n\":" + i + "}"))));
    }
    sink.accept(
        new Exchange(
            new CapturedRequest("GET", "/health", List.of(), Body.EMPTY),
            json(200, "{}"),
            new Outcome.Failed("connect", "refused", 1),
            Optional.empty()));
    return sink.results();
  }

  static final List<RunNote> NOTES =
      List.of(new RunNote("malformed log lines", 1, List.of("line 3: no request field")));

  @Test
  void theTextSummaryShowsEachRegressionWithAnExample() throws Exception {
    String text = TextReport.render(results(), NOTES, Optional.of(DiffRateGate.parse("0.1%")));
    assertThat(text)
        .startsWith("shadow: 5 requests, 5 compared (4 with a secondary), 5 differing (100.00%)")
        .contains("candidate failed: connect 1")
        .contains("malformed log lines: 1\n  line 3: no request field")
        .contains("GET /users/{id}: 4 compared, 4 differing (100.00%)")
        .contains("REGRESSION $.name: 4/4 differ (old copies: 0/4)")
        .contains("primary:   <b>ann</b>")
        .contains("e.g. /users/0?token=***")
        .doesNotContain("s3cret")
        .contains("gate: diff rate 100.00% > max 0.1%: FAILED");
  }

  @Test
  void reportsAreDeterministic() {
    assertThat(TextReport.render(results(), NOTES, Optional.empty()))
        .isEqualTo(TextReport.render(results(), NOTES, Optional.empty()));
    assertThat(JsonReport.render(results(), NOTES, Optional.empty()))
        .isEqualTo(JsonReport.render(results(), NOTES, Optional.empty()));
    assertThat(HtmlReport.render(results(), NOTES, Optional.empty()))
        .isEqualTo(HtmlReport.render(results(), NOTES, Optional.empty()));
  }

  @Test
  void theHtmlReportEscapesValuesAndFetchesNothing() {
    String html = HtmlReport.render(results(), NOTES, Optional.empty());
    assertThat(html)
        .contains("&lt;b&gt;ann&lt;/b&gt;")
        .doesNotContain("<b>ann")
        .doesNotContain("src=")
        .doesNotContain("href=")
        .doesNotContain("@import")
        .contains("<style>");
  }

  @Test
  void theJsonReportCarriesRatesVerdictsAndExamples() {
    String json = JsonReport.render(results(), NOTES, Optional.empty());
    assertThat(json)
        .contains("\"diffRate\" : 1.0")
        .contains("\"verdict\" : \"regression\"")
        .contains("\"candidate\" : \"ann\"");
  }

  @Test
  void theGateReadsPercentagesAndFractions() throws Exception {
    assertThat(DiffRateGate.parse("0.1%").maxRate()).isEqualTo(0.001);
    assertThat(DiffRateGate.parse("0.25").maxRate()).isEqualTo(0.25);
    assertThatThrownBy(() -> DiffRateGate.parse("ten")).hasMessageContaining("like 0.1%");
    assertThatThrownBy(() -> DiffRateGate.parse("150%")).hasMessageContaining("from 0 to 100%");
  }

  @Test
  void theGatePassesAtTheLimitAndFailsAboveIt() throws Exception {
    ShadowResults results = results();
    assertThat(DiffRateGate.parse("100%").passes(results)).isTrue();
    assertThat(DiffRateGate.parse("99.9%").passes(results)).isFalse();
  }
}
