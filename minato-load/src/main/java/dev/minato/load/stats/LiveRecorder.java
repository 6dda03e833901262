package dev.minato.load.stats;

import java.util.EnumMap;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.SingleWriterRecorder;

/**
 * Where one engine thread records outcomes while a run goes on. Each event loop has its own, so
 * writers share no cache lines ({@link SingleWriterRecorder}); one reader takes an interval of all
 * series at a time and adds the loops' intervals up.
 */
public final class LiveRecorder {

  private final Map<Series, SingleWriterRecorder> recorders = new EnumMap<>(Series.class);
  private final Map<Series, Histogram> recycled = new EnumMap<>(Series.class);
  private final StatusCounter statusCodes = new StatusCounter();

  public LiveRecorder() {
    for (Series s : Series.values()) {
      recorders.put(s, Histograms.singleWriterRecorder());
    }
  }

  /** A response with {@code status} arrived; times are {@link System#nanoTime()} readings. */
  public void response(int status, long intendedNanos, long sentNanos, long endNanos) {
    long latency = Histograms.micros(endNanos - intendedNanos);
    recorders.get(Series.LATENCY).recordValue(latency);
    recorders.get(Series.SERVICE).recordValue(Histograms.micros(endNanos - sentNanos));
    recorders.get(Series.ofStatus(status)).recordValue(latency);
    statusCodes.record(status);
  }

  /** The responses recorded so far by exact status code (a running total, not an interval). */
  public StatusCodes statusCodes() {
    return statusCodes.snapshot();
  }

  /** A request failed without a response; recorded at how long the user waited for the failure. */
  public void failure(Series failureClass, long intendedNanos, long endNanos) {
    if (!failureClass.isFailure()) {
      throw new IllegalArgumentException("not a failure class: " + failureClass);
    }
    recorders.get(failureClass).recordValue(Histograms.micros(endNanos - intendedNanos));
  }

  /** The generator handed a request over {@code lagNanos} after its intended time. */
  public void lag(long lagNanos) {
    recorders.get(Series.LAG).recordValue(Histograms.micros(lagNanos));
  }

  /**
   * Everything recorded since the previous call, per series, stamped with the interval's bounds
   * (epoch milliseconds). Only one thread may call this.
   */
  public Map<Series, Histogram> takeInterval(long startMillis, long endMillis) {
    Map<Series, Histogram> interval = new EnumMap<>(Series.class);
    for (Series s : Series.values()) {
      Histogram h = recorders.get(s).getIntervalHistogram(recycled.remove(s));
      h.setStartTimeStamp(startMillis);
      h.setEndTimeStamp(endMillis);
      h.setTag(s.tag());
      interval.put(s, h);
    }
    return interval;
  }

  /** Gives histograms of a consumed interval back for reuse, so sampling allocates nothing. */
  public void recycle(Map<Series, Histogram> interval) {
    recycled.putAll(interval);
  }
}
