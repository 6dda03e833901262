package dev.minato.load.slo;

import static org.assertj.core.api.Assertions.assertThat;

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
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A timed-out request's latency is known only to be at least the time it was given up at: a latency
 * gate that such a request could break cannot pass, whatever the timeout.
 */
class TimedOutLatencyTest {

  /**
   * A stalling server behind a 200 ms timeout: "fast" got 20 answers in 1..20 ms, "stall" timed out
   * 20 times, each given up at 210 ms.
   */
  private static Results halfTimedOut() {
    return results(20, 20);
  }

  private static Results results(int answered, int timedOut) {
    Map<Series, Histogram> interval = new EnumMap<>(Series.class);
    for (Series s : Series.values()) {
      interval.put(s, Histograms.create());
    }
    Histogram fast = Histograms.create();
    for (int ms = 1; ms <= answered; ms++) {
      interval.get(Series.LATENCY).recordValue(ms * 1000L);
      interval.get(Series.SERVICE).recordValue(ms * 1000L);
      interval.get(Series.STATUS_2XX).recordValue(ms * 1000L);
      fast.recordValue(ms * 1000L);
    }
    Histogram stall = Histograms.create();
    interval.get(Series.TIMEOUT).recordValueWithCount(210_000, timedOut);
    stall.recordValueWithCount(210_000, timedOut);
    ResultsBuilder builder =
        new ResultsBuilder(new RunInfo("t", "http://x", "open 20/s", "f", 1, "", List.of()), 0);
    builder.add(0, 2_000, interval);
    builder.addRequestResults(
        List.of(
            new RequestResults("fast", "GET", "http://x/", answered, 0, fast),
            new RequestResults("stall", "GET", "http://x/stall", timedOut, timedOut, stall)));
    return builder.build(true);
  }

  private static Verdict verdict(String slo, Results results) throws SloException {
    return Verdict.evaluate(List.of(Slo.parse(slo)), results).get(0);
  }

  @ParameterizedTest
  @ValueSource(strings = {"max<300ms", "p99<300ms", "p90<=1s", "mean<300ms", "stall:max<300ms"})
  void aLatencyGateFailsWhenTimedOutRequestsCouldBreakIt(String slo) throws SloException {
    Verdict verdict = verdict(slo, halfTimedOut());

    assertThat(verdict.passed()).as(verdict.describe()).isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {"p50<300ms", "p50<=21ms", "fast:max<300ms", "max>100ms", "p99>=200ms"})
  void aLatencyGateHoldsWhenItsValueIsKnownOrABoundIsEnough(String slo) throws SloException {
    Verdict verdict = verdict(slo, halfTimedOut());

    assertThat(verdict.passed()).as(verdict.describe()).isTrue();
  }

  @Test
  void saysTheMeasuredValueIsOnlyALowerBoundAndWhy() throws SloException {
    assertThat(verdict("max<300ms", halfTimedOut()).describe())
        .isEqualTo(
            "FAIL max<300ms: measured at least 210.047ms (20 requests timed out; their latency is"
                + " unknown beyond that), required < 300ms");
  }

  @Test
  void aRunWhoseEveryRequestTimedOutFailsItsLatencyGates() throws SloException {
    Results results = results(0, 10);

    assertThat(verdict("max<300ms", results).passed()).isFalse();
    assertThat(verdict("p99<300ms", results).passed()).isFalse();
    assertThat(verdict("stall:p50<300ms", results).passed()).isFalse();
  }
}
