package dev.minato.load.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.minato.load.slo.Slo;
import dev.minato.load.slo.Verdict;
import dev.minato.load.stats.Histograms;
import dev.minato.load.stats.Results;
import dev.minato.load.stats.ResultsBuilder;
import dev.minato.load.stats.RunInfo;
import dev.minato.load.stats.Series;
import dev.minato.load.stats.StatusCodes;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class ReportTest {

  private static Results results() {
    ResultsBuilder builder =
        new ResultsBuilder(
            new RunInfo("web</script>", "http://x", "open 10/s", "f", 1, "", List.of()), 1_000_000);
    for (int second = 0; second < 3; second++) {
      Map<Series, Histogram> interval = new EnumMap<>(Series.class);
      interval.put(Series.LATENCY, Histograms.create());
      interval.put(Series.STATUS_2XX, Histograms.create());
      interval.put(Series.TIMEOUT, Histograms.create());
      for (int i = 1; i <= 10; i++) {
        interval.get(Series.LATENCY).recordValue(i * 1000L);
        interval.get(Series.STATUS_2XX).recordValue(i * 1000L);
      }
      interval.get(Series.TIMEOUT).recordValue(2_000_000);
      builder.add(1_000_000 + second * 1000L, 1_000_000 + (second + 1) * 1000L, interval);
    }
    builder.addStatusCodes(new StatusCodes(new java.util.TreeMap<>(Map.of(200, 30L))));
    return builder.build(true);
  }

  private static List<Verdict> verdicts() throws Exception {
    return Verdict.evaluate(List.of(Slo.parse("errors<1%")), results());
  }

  @Test
  void textReportListsRequestsLatenciesErrorsAndVerdicts() throws Exception {
    String text = TextReport.render(results(), verdicts());

    assertThat(text)
        .contains("Requests      [total, rate, throughput]")
        .contains("33, 11.00/s, 10.00/s")
        .contains("Status codes  [code:count]")
        .contains("200:30")
        .contains("timeout:3")
        .contains("SLO FAIL errors<1%: measured 9.091%, required < 1%");
  }

  @Test
  void jsonReportHasTheTimeSeriesPerSecond() throws Exception {
    String json = JsonReport.render(results(), verdicts());

    assertThat(json).contains("\"requests\" : 33").contains("\"timeSeries\"");
    assertThat(JsonReport.tree(results(), verdicts()).path("timeSeries")).hasSize(3);
  }

  @Test
  void htmlReportEmbedsItsDataAndFetchesNothing() throws Exception {
    String html = HtmlReport.render(results(), verdicts());

    assertThat(html).doesNotContain("/*DATA*/").contains("\"requests\":33");
    assertThat(html).doesNotContainPattern("(src|href)\\s*=\\s*\"?https?:");
    assertThat(html).doesNotContain("fetch(").doesNotContain("@import");
    // A name that closes the data element must not end the script early.
    assertThat(html).doesNotContain("web</script>");
  }

  @Test
  void htmlDataCannotOpenACommentThatSwallowsTheEndOfItsScript() throws Exception {
    // In a script element, "<!--" then "<script" puts the HTML parser in the double-escaped state,
    // where the data element's own end tag no longer ends it: the page would draw nothing.
    ResultsBuilder builder =
        new ResultsBuilder(
            new RunInfo("a<!--<script>", "http://x", "open 10/s", "f", 1, "", List.of()), 0);
    Map<Series, Histogram> interval = new EnumMap<>(Series.class);
    interval.put(Series.LATENCY, Histograms.create());
    interval.get(Series.LATENCY).recordValue(1000);
    builder.add(0, 1000, interval);

    String html = HtmlReport.render(builder.build(true), List.of());

    String data =
        html.substring(
            html.indexOf("<script id=\"data\" type=\"application/json\">")
                + "<script id=\"data\" type=\"application/json\">".length(),
            html.indexOf("</script>"));
    assertThat(data).doesNotContain("<").contains("a\\u003c!--\\u003cscript>");
    assertThat(
            new com.fasterxml.jackson.databind.ObjectMapper().readTree(data).path("name").asText())
        .isEqualTo("a<!--<script>");
  }

  @Test
  void aRunWhoseEveryRequestTimedOutShowsTheirLatencyInTextAsInJson() throws Exception {
    // Timed-out requests are in the latency figures of every report, at the time they were given
    // up: the text said '- (no responses)' where the JSON and the per-request rows gave 2s.
    ResultsBuilder builder =
        new ResultsBuilder(new RunInfo("t", "http://x", "closed 2", "f", 1, "", List.of()), 0);
    Map<Series, Histogram> interval = new EnumMap<>(Series.class);
    interval.put(Series.LATENCY, Histograms.create());
    interval.put(Series.TIMEOUT, Histograms.create());
    interval.get(Series.TIMEOUT).recordValueWithCount(2_000_000, 4);
    builder.add(0, 1000, interval);
    Results results = builder.build(true);

    String text = TextReport.render(results, List.of());

    assertThat(JsonReport.tree(results, List.of()).at("/latencyMs/max").asDouble())
        .isGreaterThanOrEqualTo(2000);
    assertThat(text.lines().filter(line -> line.startsWith("Latencies")).findFirst())
        .hasValueSatisfying(
            line -> assertThat(line).doesNotContain("no responses").contains("]   2s, 2s, 2.001s"));
    assertThat(text)
        .contains("Service time  [min, mean, 50, 90, 95, 99, 99.9, max]   - (no responses)");
  }
}
