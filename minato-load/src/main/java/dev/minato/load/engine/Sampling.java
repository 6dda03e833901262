package dev.minato.load.engine;

import dev.minato.load.scenario.Shard;
import dev.minato.load.stats.ErrorKinds;
import dev.minato.load.stats.Histograms;
import dev.minato.load.stats.IntervalLogWriter;
import dev.minato.load.stats.LiveRecorder;
import dev.minato.load.stats.Results;
import dev.minato.load.stats.ResultsBuilder;
import dev.minato.load.stats.RunInfo;
import dev.minato.load.stats.Series;
import dev.minato.load.stats.StatusCodes;
import dev.minato.load.stats.Tick;
import java.io.OutputStream;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.HdrHistogram.Histogram;

/**
 * Once a second: adds up the loops' interval histograms, appends them to the HdrHistogram log,
 * folds them into the results, and reports progress. The sums are reused every second, so a long
 * run allocates nothing per interval.
 */
final class Sampling {

  private final List<LiveRecorder> recorders;
  private final RunControl control;
  private final Optional<IntervalLogWriter> log;
  private final Consumer<Progress> progress;
  private final ResultsBuilder builder;
  private final Map<Series, Histogram> sums = new EnumMap<>(Series.class);
  private final long startMillis;
  private final long startNanos;
  private long lastMillis;
  // Requests these recorders have seen end, for progress (a warm-up's are not the measured run's).
  private long finished;

  Sampling(
      RunInfo info,
      Shard shard,
      List<LiveRecorder> recorders,
      RunControl control,
      Optional<OutputStream> hlog,
      Consumer<Progress> progress,
      long startMillis,
      long startNanos) {
    this.recorders = recorders;
    this.control = control;
    this.progress = progress;
    this.startMillis = startMillis;
    this.startNanos = startNanos;
    this.lastMillis = startMillis;
    this.builder = new ResultsBuilder(info, startMillis);
    this.log = hlog.map(out -> new IntervalLogWriter(out, info, shard.index(), startMillis));
    for (Series series : Series.values()) {
      sums.put(series, Histograms.create());
    }
    // One empty interval taken before anything is recorded: the spare histograms every interval
    // swaps in are made now, not by the first sample inside the measured run.
    for (LiveRecorder r : recorders) {
      r.recycle(r.takeInterval(startMillis, startMillis));
    }
  }

  synchronized void sample() {
    sampleAt(System.currentTimeMillis());
  }

  /** The last interval, ending at {@code endMillis} (never before the previous one ended). */
  synchronized void sampleAt(long endMillis) {
    long nowMillis = Math.max(endMillis, lastMillis);
    long intervalStart = lastMillis;
    sums.forEach(
        (series, sum) -> {
          sum.reset();
          sum.setTag(series.tag());
          sum.setStartTimeStamp(intervalStart);
          sum.setEndTimeStamp(nowMillis);
        });
    for (LiveRecorder r : recorders) {
      Map<Series, Histogram> part = r.takeInterval(intervalStart, nowMillis);
      part.forEach((series, h) -> sums.get(series).add(h));
      r.recycle(part);
    }
    lastMillis = nowMillis;
    log.ifPresent(l -> l.interval(sums));
    builder.add(intervalStart, nowMillis, sums);
    long second = (intervalStart - startMillis) / 1000;
    Tick tick = ResultsBuilder.tickOf(second, intervalStart, nowMillis, sums);
    finished += tick.requests();
    progress.accept(
        new Progress((System.nanoTime() - startNanos) / 1e9, finished, control.inFlight(), tick));
  }

  /**
   * Closes the log with its end marker and returns the results; {@code methods} and {@code urls}
   * describe the requests by template index. Call once the loops have terminated.
   */
  synchronized Results finish(boolean complete, List<String> methods, List<String> urls) {
    StatusCodes codes = StatusCodes.NONE;
    ErrorKinds errors = ErrorKinds.NONE;
    for (LiveRecorder r : recorders) {
      codes = codes.plus(r.statusCodes());
      errors = errors.plus(r.errorKinds());
      builder.addRequestResults(r.requestResults(methods, urls));
    }
    builder.addStatusCodes(codes);
    builder.addErrorKinds(errors);
    long dropped = control.dropped.get();
    builder.addDropped(dropped);
    Results results = builder.build(complete);
    StatusCodes total = codes;
    ErrorKinds kinds = errors;
    log.ifPresent(
        l -> {
          l.breakdown(results.requestResults(), kinds, dropped);
          l.statusCodes(total);
          l.end(complete);
          l.close();
        });
    return results;
  }
}
