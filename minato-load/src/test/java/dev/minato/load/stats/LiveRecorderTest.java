package dev.minato.load.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

/**
 * The recorder keeps most responses in one histogram and sums the series from parts; these tests
 * check every series against histograms recorded directly, value by value.
 */
class LiveRecorderTest {

  private static final long MS = 1_000_000;

  private static Histogram of(long... micros) {
    Histogram h = Histograms.create();
    for (long m : micros) {
      h.recordValue(m);
    }
    return h;
  }

  private static void assertSame(Histogram actual, Histogram expected) {
    assertThat(actual.getTotalCount()).isEqualTo(expected.getTotalCount());
    Histogram a = actual.copy();
    a.setStartTimeStamp(0);
    a.setEndTimeStamp(0);
    a.setTag(null);
    // Histogram.equals compares the counts at every value.
    assertThat(a).isEqualTo(expected);
  }

  @Test
  void aResponseSentAtItsIntendedTimeCountsInLatencyServiceAndItsClassAlike() {
    LiveRecorder recorder = new LiveRecorder(List.of("get"));
    recorder.response(0, 200, 0, 0, 3 * MS);
    recorder.response(0, 204, 10 * MS, 10 * MS, 17 * MS);

    Map<Series, Histogram> interval = recorder.takeInterval(1000, 2000);

    assertSame(interval.get(Series.LATENCY), of(3000, 7000));
    assertSame(interval.get(Series.SERVICE), of(3000, 7000));
    assertSame(interval.get(Series.STATUS_2XX), of(3000, 7000));
    assertThat(interval.get(Series.STATUS_5XX).getTotalCount()).isZero();
  }

  @Test
  void aResponseSentLateHasItsOwnServiceTime() {
    LiveRecorder recorder = new LiveRecorder(List.of("get"));
    // Intended at 0, sent at 4 ms, ended at 5 ms: waited 5 ms, served in 1 ms.
    recorder.response(0, 200, 0, 4 * MS, 5 * MS);
    recorder.response(0, 200, 0, 0, 2 * MS);

    Map<Series, Histogram> interval = recorder.takeInterval(1000, 2000);

    assertSame(interval.get(Series.LATENCY), of(5000, 2000));
    assertSame(interval.get(Series.SERVICE), of(1000, 2000));
    assertSame(interval.get(Series.STATUS_2XX), of(5000, 2000));
  }

  @Test
  void aSendTimeWithinTheSameMicrosecondCountsAsTheSameServiceTime() {
    LiveRecorder recorder = new LiveRecorder(List.of("get"));
    recorder.response(0, 200, 0, 200, 3 * MS + 500);

    Map<Series, Histogram> interval = recorder.takeInterval(1000, 2000);

    assertSame(interval.get(Series.LATENCY), of(3000));
    assertSame(interval.get(Series.SERVICE), of(3000));
  }

  @Test
  void everyStatusClassHoldsExactlyItsResponsesAndLatencyAllOfThem() {
    LiveRecorder recorder = new LiveRecorder(List.of("get"));
    recorder.response(0, 101, 0, 0, 1 * MS);
    recorder.response(0, 302, 0, 0, 2 * MS);
    recorder.response(0, 404, 0, 1 * MS, 3 * MS);
    recorder.response(0, 503, 0, 0, 4 * MS);
    recorder.response(0, 200, 0, 0, 5 * MS);
    recorder.response(0, 999, 0, 0, 6 * MS);

    Map<Series, Histogram> interval = recorder.takeInterval(1000, 2000);

    assertSame(interval.get(Series.STATUS_1XX), of(1000));
    assertSame(interval.get(Series.STATUS_2XX), of(5000));
    assertSame(interval.get(Series.STATUS_3XX), of(2000));
    assertSame(interval.get(Series.STATUS_4XX), of(3000));
    assertSame(interval.get(Series.STATUS_5XX), of(4000, 6000));
    assertSame(interval.get(Series.LATENCY), of(1000, 2000, 3000, 4000, 5000, 6000));
    assertSame(interval.get(Series.SERVICE), of(1000, 2000, 2000, 4000, 5000, 6000));
    assertThat(recorder.statusCodes().counts())
        .containsEntry(101, 1L)
        .containsEntry(404, 1L)
        .containsEntry(999, 1L);
  }

  @Test
  void anIntervalHoldsOnlyWhatWasRecordedSinceThePreviousOneAndIsStamped() {
    LiveRecorder recorder = new LiveRecorder(List.of("get"));
    recorder.response(0, 200, 0, 0, 1 * MS);
    recorder.recycle(recorder.takeInterval(1000, 2000));
    recorder.response(0, 500, 0, 2 * MS, 3 * MS);
    recorder.lag(4 * MS);

    Map<Series, Histogram> second = recorder.takeInterval(2000, 3000);

    assertSame(second.get(Series.LATENCY), of(3000));
    assertSame(second.get(Series.SERVICE), of(1000));
    assertSame(second.get(Series.STATUS_5XX), of(3000));
    assertSame(second.get(Series.LAG), of(4000));
    assertThat(second.get(Series.STATUS_2XX).getTotalCount()).isZero();
    assertThat(second.get(Series.LATENCY).getStartTimeStamp()).isEqualTo(2000);
    assertThat(second.get(Series.LATENCY).getEndTimeStamp()).isEqualTo(3000);
    assertThat(second.get(Series.SERVICE).getTag()).isEqualTo("service");
  }

  @Test
  void theOneRequestOfARunHasTheRunsLatencyWithItsTimeouts() {
    LiveRecorder recorder = new LiveRecorder(List.of("get"));
    recorder.response(0, 200, 0, 0, 1 * MS);
    recorder.response(0, 503, 0, 0, 2 * MS);
    recorder.recycle(recorder.takeInterval(1000, 2000));
    recorder.failure(0, FailureKind.TIMEOUT, "no response", 0, 9 * MS);
    recorder.failure(0, FailureKind.CLOSED, "closed", 0, 8 * MS);
    recorder.takeInterval(2000, 3000);

    RequestResults only =
        recorder.requestResults(List.of("GET"), List.of("http://127.0.0.1/")).get(0);

    assertThat(only.requests()).isEqualTo(4);
    assertThat(only.errors()).isEqualTo(3);
    assertSame(only.latency(), of(1000, 2000, 9000));
  }

  @Test
  void eachOfSeveralRequestsHasItsOwnLatency() {
    LiveRecorder recorder = new LiveRecorder(List.of("list", "buy"));
    recorder.response(0, 200, 0, 0, 1 * MS);
    recorder.response(1, 200, 0, 0, 2 * MS);
    recorder.failure(1, FailureKind.TIMEOUT, "no response", 0, 9 * MS);
    recorder.takeInterval(1000, 2000);

    List<RequestResults> all =
        recorder.requestResults(List.of("GET", "POST"), List.of("http://a/", "http://a/buy"));

    assertSame(all.get(0).latency(), of(1000));
    assertSame(all.get(1).latency(), of(2000, 9000));
    assertThat(all.get(1).errors()).isEqualTo(1);
  }
}
