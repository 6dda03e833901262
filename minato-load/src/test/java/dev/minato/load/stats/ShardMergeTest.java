package dev.minato.load.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class ShardMergeTest {

  private static final long START = 1_700_000_000_000L;

  private static RunInfo info(int shards) {
    return new RunInfo(
        "checkout", "http://x", "open 900/s", "abc123", shards, "", List.of("p99<1s"));
  }

  /**
   * Samples as a run over 5 seconds would record them, dealt round-robin over {@code shards} logs;
   * returns the logs' text. {@code single} receives every sample, as one process would.
   */
  private static List<String> shardLogs(int shards, Histogram single, boolean endMarker) {
    SplittableRandom random = new SplittableRandom(42);
    List<ByteArrayOutputStream> outs = new ArrayList<>();
    List<IntervalLogWriter> writers = new ArrayList<>();
    for (int k = 0; k < shards; k++) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      outs.add(out);
      writers.add(new IntervalLogWriter(out, info(shards), k, START + 7 * k));
    }
    List<java.util.TreeMap<Integer, Long>> codes = new ArrayList<>();
    for (int k = 0; k < shards; k++) {
      codes.add(new java.util.TreeMap<>());
    }
    int n = 0;
    for (int second = 0; second < 5; second++) {
      List<Map<Series, Histogram>> intervals = new ArrayList<>();
      for (int k = 0; k < shards; k++) {
        Map<Series, Histogram> interval = new EnumMap<>(Series.class);
        for (Series s : Series.values()) {
          Histogram h = Histograms.create();
          h.setTag(s.tag());
          h.setStartTimeStamp(START + 7 * k + second * 1000L);
          h.setEndTimeStamp(START + 7 * k + (second + 1) * 1000L);
          interval.put(s, h);
        }
        intervals.add(interval);
      }
      for (int i = 0; i < 900; i++, n++) {
        long micros =
            200 + (long) Math.abs(random.nextGaussian() * 20_000) + (i % 97 == 0 ? 900_000 : 0);
        single.recordValue(micros);
        Map<Series, Histogram> interval = intervals.get(n % shards);
        interval.get(Series.LATENCY).recordValue(micros);
        interval.get(i % 50 == 0 ? Series.STATUS_5XX : Series.STATUS_2XX).recordValue(micros);
        codes.get(n % shards).merge(i % 50 == 0 ? 503 : 200, 1L, Long::sum);
      }
      for (int k = 0; k < shards; k++) {
        writers.get(k).interval(intervals.get(k));
      }
    }
    List<String> logs = new ArrayList<>();
    for (int k = 0; k < shards; k++) {
      if (endMarker) {
        long errors = codes.get(k).getOrDefault(503, 0L);
        long requests = codes.get(k).values().stream().mapToLong(Long::longValue).sum();
        Histogram latency = Histograms.create();
        latency.recordValueWithCount(1000 + k, requests);
        TreeMap<String, ErrorKinds.Entry> kinds = new TreeMap<>();
        kinds.put(
            "http-503",
            new ErrorKinds.Entry(errors, List.of("checkout: HTTP 503 (shard " + k + ")")));
        writers
            .get(k)
            .breakdown(
                List.of(
                    new RequestResults(
                        "checkout", "POST", "http://x/checkout", requests, errors, latency)),
                new ErrorKinds(kinds),
                k);
        writers.get(k).statusCodes(new StatusCodes(codes.get(k)));
        writers.get(k).end(true);
      }
      writers.get(k).close();
      logs.add(outs.get(k).toString(StandardCharsets.UTF_8));
    }
    return logs;
  }

  private static List<ShardLog> parse(List<String> texts) throws ShardLogException {
    List<ShardLog> logs = new ArrayList<>();
    for (int k = 0; k < texts.size(); k++) {
      logs.add(ShardLog.parse("shard-" + k + ".hlog", texts.get(k)));
    }
    return logs;
  }

  @Test
  void mergedHistogramEqualsTheHistogramOfOneRunOverTheSameSamples() throws Exception {
    Histogram single = Histograms.create();
    List<String> logs = shardLogs(4, single, true);

    Results merged = ShardMerge.merge(parse(logs));

    Histogram latency = merged.histogram(Series.LATENCY);
    assertThat(latency).isEqualTo(single);
    assertThat(latency.getValueAtPercentile(99.9)).isEqualTo(single.getValueAtPercentile(99.9));
    assertThat(merged.requests()).isEqualTo(4500);
    assertThat(merged.count(Series.STATUS_5XX)).isEqualTo(90);
    assertThat(merged.info().slos()).containsExactly("p99<1s");
    assertThat(merged.statusCodes().orElseThrow().counts())
        .containsExactly(entry(200, 4410L), entry(503, 90L));
    assertThat(merged.ticks()).hasSize(5).allSatisfy(t -> assertThat(t.requests()).isEqualTo(900));
  }

  @Test
  void findsTheLogInsideAContainerLogWithOtherLines() throws Exception {
    Histogram single = Histograms.create();
    List<String> logs = new ArrayList<>(shardLogs(2, single, true));
    logs.set(0, "Picked up JAVA_TOOL_OPTIONS: -Xmx1g\n" + logs.get(0) + "Scenario  checkout ...\n");

    Results merged = ShardMerge.merge(parse(logs));

    assertThat(merged.histogram(Series.LATENCY)).isEqualTo(single);
  }

  @Test
  void rejectsAnIncompleteSetNamingTheMissingShards() throws Exception {
    List<String> logs = shardLogs(3, Histograms.create(), true);

    assertThatThrownBy(() -> ShardMerge.merge(parse(logs.subList(0, 2))))
        .isInstanceOf(ShardLogException.class)
        .hasMessage("the run has 3 shards, but shard(s) [2] are missing");
  }

  @Test
  void rejectsTheSameShardTwice() throws Exception {
    List<String> logs = shardLogs(2, Histograms.create(), true);

    assertThatThrownBy(() -> ShardMerge.merge(parse(List.of(logs.get(0), logs.get(0)))))
        .isInstanceOf(ShardLogException.class)
        .hasMessageContaining("shard 0/2 is already given by shard-0.hlog");
  }

  @Test
  void rejectsALogCutShortByAKilledProcess() throws Exception {
    List<String> logs = shardLogs(2, Histograms.create(), false);

    assertThatThrownBy(() -> ShardMerge.merge(parse(logs)))
        .isInstanceOf(ShardLogException.class)
        .hasMessageContaining("ends without its end marker");
  }

  @Test
  void rejectsLogsOfDifferentRuns() throws Exception {
    List<String> logs = new ArrayList<>(shardLogs(2, Histograms.create(), true));
    logs.set(1, logs.get(1).replace("fingerprint: abc123", "fingerprint: def456"));

    assertThatThrownBy(() -> ShardMerge.merge(parse(logs)))
        .isInstanceOf(ShardLogException.class)
        .hasMessageContaining("belongs to another run");
  }

  @Test
  void rejectsTextThatHoldsNoLog() {
    assertThatThrownBy(() -> ShardLog.parse("pod.log", "Error: ImagePullBackOff\n"))
        .isInstanceOf(ShardLogException.class)
        .hasMessageContaining("pod.log: no minato-load log found");
  }

  @Test
  void mergedStatusCodesAreTheSumOfTheShardsCodes() throws Exception {
    List<String> logs = shardLogs(3, Histograms.create(), true);

    Results merged = ShardMerge.merge(parse(logs));

    long sum = 0;
    for (ShardLog log : parse(logs)) {
      sum += log.statusCodes().orElseThrow().total();
    }
    assertThat(merged.statusCodes().orElseThrow().total()).isEqualTo(sum).isEqualTo(4500);
    assertThat(merged.statusCodes().orElseThrow().counts())
        .containsExactly(entry(200, 4410L), entry(503, 90L));
  }

  @Test
  void mergesFormatOneLogsWithTheExactCodesUnknown() throws Exception {
    List<String> logs = new ArrayList<>();
    for (String log : shardLogs(2, Histograms.create(), true)) {
      logs.add(asFormatOne(log));
    }

    Results merged = ShardMerge.merge(parse(logs));

    assertThat(merged.statusCodes()).isEmpty();
    assertThat(merged.count(Series.STATUS_5XX)).isEqualTo(90);
  }

  @Test
  void refusesToMixLogFormatsNamingBoth() throws Exception {
    List<String> logs = new ArrayList<>(shardLogs(2, Histograms.create(), true));
    logs.set(1, asFormatOne(logs.get(1)));

    assertThatThrownBy(() -> ShardMerge.merge(parse(logs)))
        .isInstanceOf(ShardLogException.class)
        .hasMessageStartingWith("shard-1.hlog: is log format 1, but shard-0.hlog is format 3;")
        .hasMessageContaining("run every shard with the same minato version");
  }

  @Test
  void rejectsAnUnknownLogFormat() throws Exception {
    String log = shardLogs(1, Histograms.create(), true).get(0).replace("format: 3]", "format: 9]");

    assertThatThrownBy(() -> ShardLog.parse("shard-0.hlog", log))
        .isInstanceOf(ShardLogException.class)
        .hasMessageContaining("log format 9 is not supported (expected one of 1, 2, 3)");
  }

  @Test
  void rejectsAFormatTwoLogWithoutItsStatusLine() throws Exception {
    String log =
        shardLogs(1, Histograms.create(), true)
            .get(0)
            .replaceAll("#\\[minato-load status: [^\\]]*]\n", "");

    assertThatThrownBy(() -> ShardLog.parse("shard-0.hlog", log))
        .isInstanceOf(ShardLogException.class)
        .hasMessageContaining("lacks its '#[minato-load status: ...]' line");
  }

  /** The log as minato wrote it before exact codes: format 1, no status line. */
  private static String asFormatOne(String log) {
    return asFormatTwo(log)
        .replace("format: 2]", "format: 1]")
        .replaceAll("#\\[minato-load status: [^\\]]*]\n", "");
  }

  /** The log as minato wrote it before the breakdown: format 2, no request/error/dropped lines. */
  private static String asFormatTwo(String log) {
    return log.replace("format: 3]", "format: 2]")
        .replaceAll("#\\[minato-load (request|error|dropped): .*]\n", "");
  }

  @Test
  void mergedBreakdownAddsRequestsKindsAndDroppedExactly() throws Exception {
    List<String> logs = shardLogs(3, Histograms.create(), true);

    Results merged = ShardMerge.merge(parse(logs));

    RequestResults checkout = merged.request("checkout").orElseThrow();
    assertThat(checkout.requests()).isEqualTo(4500);
    assertThat(checkout.errors()).isEqualTo(90);
    assertThat(checkout.url()).isEqualTo("http://x/checkout");
    assertThat(checkout.method()).isEqualTo("POST");
    assertThat(checkout.latency().getTotalCount()).isEqualTo(4500);
    assertThat(checkout.latency().getMinValue()).isEqualTo(1000);
    assertThat(checkout.latency().getMaxValue()).isEqualTo(1002);
    assertThat(merged.dropped()).hasValue(0 + 1 + 2);
    ErrorKinds.Entry http503 = merged.errorKinds().kinds().get("http-503");
    assertThat(http503.count()).isEqualTo(90);
    assertThat(http503.examples())
        .containsExactly(
            "checkout: HTTP 503 (shard 0)",
            "checkout: HTTP 503 (shard 1)",
            "checkout: HTTP 503 (shard 2)");
  }

  @Test
  void mergesFormatTwoLogsWithKindsFromTheCodesAndNoBreakdown() throws Exception {
    List<String> logs = new ArrayList<>();
    for (String log : shardLogs(2, Histograms.create(), true)) {
      logs.add(asFormatTwo(log));
    }

    Results merged = ShardMerge.merge(parse(logs));

    assertThat(merged.requestResults()).isEmpty();
    assertThat(merged.dropped()).isEmpty();
    assertThat(merged.errorKinds().kinds()).containsOnlyKeys("http-503");
    assertThat(merged.errorKinds().total()).isEqualTo(90);
  }

  @Test
  void refusesAFormatThreeLogWithADamagedRequestLine() throws Exception {
    String log =
        shardLogs(1, Histograms.create(), true)
            .get(0)
            .replaceAll("(#\\[minato-load request: 0 \\d+ \\d+ POST \\S+ )\\S+", "$1%%%");

    assertThatThrownBy(() -> ShardLog.parse("shard-0.hlog", log))
        .isInstanceOf(ShardLogException.class)
        .hasMessageContaining("shard-0.hlog: unreadable request line '0 ")
        .hasMessageContaining("(expected request 0 as: index requests errors method url histogram");
  }
}
