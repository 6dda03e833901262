package dev.minato.load.slo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.minato.load.stats.Histograms;
import dev.minato.load.stats.RequestResults;
import dev.minato.load.stats.Results;
import dev.minato.load.stats.ResultsBuilder;
import dev.minato.load.stats.RunInfo;
import dev.minato.load.stats.Series;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SloTest {

  /**
   * 10 seconds, 1000 requests: 990 answered 200 in 1..990 ms (latency) and half that (service
   * time), 10 answered 503 at 5 ms. Rate 100/s, throughput 99/s, errors 1 %.
   */
  private static Results results() {
    Map<Series, Histogram> interval = new EnumMap<>(Series.class);
    for (Series s : Series.values()) {
      interval.put(s, Histograms.create());
    }
    for (int ms = 1; ms <= 990; ms++) {
      interval.get(Series.LATENCY).recordValue(ms * 1000L);
      interval.get(Series.SERVICE).recordValue(ms * 500L);
      interval.get(Series.STATUS_2XX).recordValue(ms * 1000L);
    }
    for (int i = 0; i < 10; i++) {
      interval.get(Series.LATENCY).recordValue(5000);
      interval.get(Series.SERVICE).recordValue(5000);
      interval.get(Series.STATUS_5XX).recordValue(5000);
    }
    ResultsBuilder builder =
        new ResultsBuilder(new RunInfo("t", "http://x", "open 100/s", "f", 1, "", List.of()), 0);
    builder.add(0, 10_000, interval);
    return builder.build(true);
  }

  private static boolean passes(String text) throws SloException {
    return Verdict.evaluate(List.of(Slo.parse(text)), results()).get(0).passed();
  }

  @ParameterizedTest(name = "{0} passes, {1} fails")
  @CsvSource(
      delimiter = '|',
      value = {
        "p99<1s          | p99<900ms",
        "p50<=500ms      | p50<400ms",
        "p99.9<1s        | p99.9<980ms",
        "max<=991ms      | max<990ms",
        "mean<500ms      | mean<400ms",
        "service.p99<500ms | service.p99<400ms",
        "service.max<1s  | service.max<400ms",
        "errors<=1%      | errors<1%",
        "errors<2%       | errors<0.9%",
        "errors<=10      | errors<10",
        "rate>=99/s      | rate>=101/s",
        "rate>=5000/m    | rate>6000/m",
        "throughput>=99/s | throughput>99/s",
      })
  void gatePassesAndFailsWhenItShould(String passing, String failing) throws SloException {
    assertThat(passes(passing)).isTrue();
    assertThat(passes(failing)).isFalse();
  }

  @Test
  void describesMeasuredAgainstRequired() throws SloException {
    Verdict verdict = Verdict.evaluate(List.of(Slo.parse("p99<250ms")), results()).get(0);

    assertThat(verdict.describe())
        .startsWith("FAIL p99<250ms: measured ")
        .endsWith("required < 250ms");
  }

  @Test
  void rejectsAValueWithoutUnitQuotingTheText() {
    assertThatThrownBy(() -> Slo.parse("p99<250"))
        .isInstanceOf(SloException.class)
        .hasMessageContaining("'p99<250'")
        .hasMessageContaining("like 250ms");
  }

  @Test
  void rejectsAnUnknownMetricWithSuggestion() {
    assertThatThrownBy(() -> Slo.parse("eror<1%"))
        .isInstanceOf(SloException.class)
        .hasMessageContaining("unknown metric 'eror', did you mean 'errors'?");
  }

  @Test
  void rejectsTextWithoutComparison() {
    assertThatThrownBy(() -> Slo.parse("p99 250ms"))
        .isInstanceOf(SloException.class)
        .hasMessageContaining("expected metric, comparison");
  }

  @Test
  void rejectsAShareAbove100Percent() {
    assertThatThrownBy(() -> Slo.parse("errors<150%"))
        .isInstanceOf(SloException.class)
        .hasMessageContaining("at most 100%");
  }

  /**
   * The same run with two named requests: "checkout" got the 10 slow answers of 1..10 s and 2
   * errors out of 10, "browse" the other 990 fast ones without error.
   */
  private static Results namedResults() {
    ResultsBuilder builder =
        new ResultsBuilder(new RunInfo("t", "http://x", "open 100/s", "f", 1, "", List.of()), 0);
    builder.add(0, 10_000, Map.of());
    Histogram slow = Histograms.create();
    for (int s = 1; s <= 10; s++) {
      slow.recordValue(s * 1_000_000L);
    }
    Histogram fast = Histograms.create();
    fast.recordValueWithCount(2_000, 990);
    builder.addRequestResults(
        List.of(
            new RequestResults("checkout", "POST", "http://x/checkout", 10, 2, slow),
            new RequestResults("browse", "GET", "http://x/", 990, 0, fast)));
    return builder.build(true);
  }

  private static boolean passesOnNamed(String text) throws SloException {
    return Verdict.evaluate(List.of(Slo.parse(text)), namedResults()).get(0).passed();
  }

  @ParameterizedTest(name = "{0} passes, {1} fails")
  @CsvSource(
      delimiter = '|',
      value = {
        "checkout:p99<=11s        | checkout:p99<9s",
        "browse:p99<3ms           | checkout:p99<3ms",
        "checkout : max <= 11s    | checkout:max<10s",
        "checkout:errors<=20%     | checkout:errors<20%",
        "browse:errors<0.1%       | checkout:errors<1%",
        "checkout:errors<=2       | checkout:errors<2",
        "browse:rate>=99/s        | checkout:rate>=2/s",
        "checkout:throughput>=0.8/s | checkout:throughput>0.8/s",
      })
  void aRequestsGateJudgesThatRequestOnly(String passing, String failing) throws SloException {
    assertThat(passesOnNamed(passing)).isTrue();
    assertThat(passesOnNamed(failing)).isFalse();
  }

  @Test
  void aRequestNameMayHoldSpacesAndColons() throws SloException {
    Slo slo = Slo.parse("GET /a:b:p99<1s");

    assertThat(slo.request()).contains("GET /a:b");
    assertThat(slo.metric())
        .isEqualTo(new Metric.Latency(Series.LATENCY, Metric.Statistic.PERCENTILE, 99));
  }

  @Test
  void aWholeRunSloNamesNoRequest() throws SloException {
    assertThat(Slo.parse("p99<1s").request()).isEmpty();
    assertThat(Slo.parse("p99<1s").unknownRequest(List.of("checkout"))).isEmpty();
  }

  @Test
  void anUnknownRequestIsNamedWithTheClosestAsSuggestion() throws SloException {
    assertThat(Slo.parse("chekout:p99<1s").unknownRequest(List.of("checkout", "browse")))
        .contains(
            "SLO 'chekout:p99<1s' names request 'chekout', which the scenario does not have, did"
                + " you mean 'checkout'? (requests: checkout, browse)");
  }

  @Test
  void serviceTimeIsNotAMetricOfOneRequest() {
    assertThatThrownBy(() -> Slo.parse("checkout:service.p99<1s"))
        .isInstanceOf(SloException.class)
        .hasMessageContaining("service time is not recorded per request");
  }

  @Test
  void aRequestTheResultsDoNotHoldHasNothingToMeasureAndFails() throws SloException {
    Verdict verdict = Verdict.evaluate(List.of(Slo.parse("cart:errors<1%")), results()).get(0);

    assertThat(verdict.passed()).isFalse();
    assertThat(verdict.measuredText()).startsWith("nothing");
  }
}
