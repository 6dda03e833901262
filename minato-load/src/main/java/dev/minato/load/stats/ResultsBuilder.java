package dev.minato.load.stats;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
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
  private long endMillis;

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
    Bucket bucket = open.computeIfAbsent(second, Bucket::new);
    bucket.cover(startMillis, intervalEndMillis);
    histograms.forEach(
        (series, h) -> {
          totals.get(series).add(h);
          bucket.add(series, h);
        });
    endMillis = Math.max(endMillis, intervalEndMillis);
    while (!open.isEmpty() && open.firstKey() < second - 2) {
      ticks.add(open.pollFirstEntry().getValue().tick());
    }
  }

  public Results build(boolean complete) {
    while (!open.isEmpty()) {
      ticks.add(open.pollFirstEntry().getValue().tick());
    }
    return new Results(info, totals, ticks, originMillis, endMillis, complete);
  }

  /** Summarises the histograms of one interval as a tick (for live progress). */
  public static Tick tickOf(
      long second, long startMillis, long endMillis, Map<Series, Histogram> histograms) {
    Bucket bucket = new Bucket(second);
    bucket.cover(startMillis, endMillis);
    histograms.forEach(bucket::add);
    return bucket.tick();
  }

  private static final class Bucket {
    private final long second;
    private final Histogram latency = Histograms.create();
    private long failures;
    private long errors;
    private long firstMillis = Long.MAX_VALUE;
    private long lastMillis = Long.MIN_VALUE;

    Bucket(long second) {
      this.second = second;
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
