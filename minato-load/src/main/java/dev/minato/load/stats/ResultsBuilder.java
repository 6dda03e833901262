package dev.minato.load.stats;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;
import org.HdrHistogram.Histogram;

/**
 * Adds interval histograms up into {@link Results}. Totals are exact sums. Intervals are also
 * grouped by the second they started in, relative to {@code originMillis}; a second is summed up
 * into a {@link Tick} once intervals have moved two seconds past it, so memory stays flat however
 * long the run (intervals must arrive roughly in time order, as a run or a merge provides them).
 */
public final class ResultsBuilder {

  private final RunInfo info;
  private final long originMillis;
  private final Map<Series, Histogram> totals = new EnumMap<>(Series.class);
  private final TreeMap<Long, Bucket> open = new TreeMap<>();
  private final List<Tick> ticks = new ArrayList<>();
  private final ArrayDeque<Histogram> spare = new ArrayDeque<>();
  private long endMillis;
  private Optional<StatusCodes> statusCodes = Optional.of(StatusCodes.NONE);
  private Optional<ErrorKinds> errorKinds = Optional.of(ErrorKinds.NONE);
  private List<RequestResults> requestResults = new ArrayList<>();
  private OptionalLong dropped = OptionalLong.of(0);

  public ResultsBuilder(RunInfo info, long originMillis) {
    this.info = info;
    this.originMillis = originMillis;
    this.endMillis = originMillis;
    for (Series s : Series.values()) {
      totals.put(s, Histograms.create());
    }
  }

  /** Adds one interval; {@code histograms} may lack series that recorded nothing. */
  public void add(long startMillis, long intervalEndMillis, Map<Series, Histogram> histograms) {
    long second = Math.max(0, (startMillis - originMillis) / 1000);
    Bucket bucket = open.computeIfAbsent(second, s -> new Bucket(s, histogram()));
    bucket.cover(startMillis, intervalEndMillis);
    histograms.forEach(
        (series, h) -> {
          totals.get(series).add(h);
          bucket.add(series, h);
        });
    endMillis = Math.max(endMillis, intervalEndMillis);
    while (!open.isEmpty() && open.firstKey() < second - 2) {
      close(open.pollFirstEntry().getValue());
    }
  }

  /** Adds responses by exact status code (a run's totals, or one shard's). */
  public void addStatusCodes(StatusCodes codes) {
    statusCodes = statusCodes.map(c -> c.plus(codes));
  }

  /** Says the exact codes are not known (merging logs that predate them). */
  void statusCodesUnknown() {
    statusCodes = Optional.empty();
  }

  /** Adds errors by kind (a run's, or one shard's). */
  public void addErrorKinds(ErrorKinds kinds) {
    errorKinds = errorKinds.map(k -> k.plus(kinds));
  }

  /**
   * Adds per-request results (a run's, or one shard's), matched by position: every part of one run
   * lists the scenario's requests in the same order.
   */
  public void addRequestResults(List<RequestResults> more) {
    if (requestResults.isEmpty()) {
      requestResults.addAll(more);
      return;
    }
    if (more.size() != requestResults.size()) {
      throw new IllegalArgumentException(
          "request lists differ: " + requestResults.size() + " and " + more.size());
    }
    for (int i = 0; i < more.size(); i++) {
      requestResults.set(i, requestResults.get(i).plus(more.get(i)));
    }
  }

  /** Adds requests the open model could not send on schedule. */
  public void addDropped(long count) {
    dropped = dropped.isPresent() ? OptionalLong.of(dropped.getAsLong() + count) : dropped;
  }

  /**
   * Says the error kinds, the per-request results and the dropped count were not recorded (merging
   * logs older than format 3): the kinds are then told from the status codes and classes.
   */
  void breakdownUnknown() {
    errorKinds = Optional.empty();
    requestResults.clear();
    dropped = OptionalLong.empty();
  }

  /** The kinds an older log allows: error codes (or classes) and failure classes, no examples. */
  private ErrorKinds kindsOfClasses() {
    TreeMap<String, ErrorKinds.Entry> kinds = new TreeMap<>();
    statusCodes.ifPresentOrElse(
        codes ->
            codes
                .errors()
                .forEach(
                    (code, count) ->
                        kinds.put(
                            FailureKind.ofStatus(code), new ErrorKinds.Entry(count, List.of()))),
        () -> {
          for (Series s : List.of(Series.STATUS_4XX, Series.STATUS_5XX)) {
            put(kinds, s);
          }
        });
    for (Series s : List.of(Series.CONNECT, Series.TIMEOUT, Series.IO)) {
      put(kinds, s);
    }
    return new ErrorKinds(kinds);
  }

  private void put(TreeMap<String, ErrorKinds.Entry> kinds, Series series) {
    long count = totals.get(series).getTotalCount();
    if (count > 0) {
      kinds.put(series.tag(), new ErrorKinds.Entry(count, List.of()));
    }
  }

  /** Sums a second up and keeps its histogram for a later second: memory stays flat. */
  private void close(Bucket bucket) {
    ticks.add(bucket.tick());
    bucket.latency.reset();
    spare.push(bucket.latency);
  }

  private Histogram histogram() {
    Histogram h = spare.poll();
    return h != null ? h : Histograms.create();
  }

  public Results build(boolean complete) {
    while (!open.isEmpty()) {
      close(open.pollFirstEntry().getValue());
    }
    return new Results(
        info,
        totals,
        ticks,
        originMillis,
        endMillis,
        complete,
        statusCodes,
        errorKinds.orElseGet(this::kindsOfClasses),
        requestResults,
        dropped);
  }

  /** Summarises the histograms of one interval as a tick (for live progress). */
  public static Tick tickOf(
      long second, long startMillis, long endMillis, Map<Series, Histogram> histograms) {
    long failures = 0;
    long errors = 0;
    for (Map.Entry<Series, Histogram> e : histograms.entrySet()) {
      long count = e.getValue().getTotalCount();
      failures += e.getKey().isFailure() ? count : 0;
      errors += e.getKey().isError() ? count : 0;
    }
    Histogram latency = histograms.get(Series.LATENCY);
    boolean any = latency != null && latency.getTotalCount() > 0;
    return new Tick(
        second,
        Math.max(0, endMillis - startMillis),
        (latency == null ? 0 : latency.getTotalCount()) + failures,
        errors,
        any ? latency.getValueAtPercentile(50) : 0,
        any ? latency.getValueAtPercentile(90) : 0,
        any ? latency.getValueAtPercentile(99) : 0,
        any ? latency.getMaxValue() : 0);
  }

  private static final class Bucket {
    private final long second;
    private final Histogram latency;
    private long failures;
    private long errors;
    private long firstMillis = Long.MAX_VALUE;
    private long lastMillis = Long.MIN_VALUE;

    Bucket(long second, Histogram latency) {
      this.second = second;
      this.latency = latency;
    }

    void cover(long startMillis, long endMillis) {
      firstMillis = Math.min(firstMillis, startMillis);
      lastMillis = Math.max(lastMillis, endMillis);
    }

    void add(Series series, Histogram h) {
      if (series == Series.LATENCY) {
        latency.add(h);
      }
      if (series.isFailure()) {
        failures += h.getTotalCount();
      }
      if (series.isError()) {
        errors += h.getTotalCount();
      }
    }

    Tick tick() {
      boolean any = latency.getTotalCount() > 0;
      return new Tick(
          second,
          Math.max(0, lastMillis - firstMillis),
          latency.getTotalCount() + failures,
          errors,
          any ? latency.getValueAtPercentile(50) : 0,
          any ? latency.getValueAtPercentile(90) : 0,
          any ? latency.getValueAtPercentile(99) : 0,
          any ? latency.getMaxValue() : 0);
    }
  }
}
