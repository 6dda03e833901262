package dev.minato.load.stats;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.SingleWriterRecorder;

/**
 * Where one engine thread records outcomes while a run goes on. Each event loop has its own, so
 * writers share no cache lines ({@link SingleWriterRecorder}); one reader takes an interval of all
 * series at a time and adds the loops' intervals up.
 */
public final class LiveRecorder {

  // By Series ordinal: an array read, where an EnumMap's get checks the key's class first.
  private final SingleWriterRecorder[] recorders = new SingleWriterRecorder[Series.values().length];
  private final Map<Series, Histogram> recycled = new EnumMap<>(Series.class);
  private final StatusCounter statusCodes = new StatusCounter();
  private final ErrorCounter errors = new ErrorCounter();
  private final List<String> requestNames;
  // Per request, totals only (no intervals): written by the loop, read once it has terminated.
  private final Histogram[] requestLatency;
  private final long[] requestCount;
  private final long[] requestErrors;

  /** A recorder for a scenario whose requests, by template index, are {@code requestNames}. */
  public LiveRecorder(List<String> requestNames) {
    for (Series s : Series.values()) {
      recorders[s.ordinal()] = Histograms.singleWriterRecorder();
    }
    this.requestNames = List.copyOf(requestNames);
    this.requestLatency = new Histogram[requestNames.size()];
    this.requestCount = new long[requestNames.size()];
    this.requestErrors = new long[requestNames.size()];
  }

  /**
   * A response with {@code status} arrived for request {@code request} (its template index); times
   * are {@link System#nanoTime()} readings.
   */
  public void response(int request, int status, long intendedNanos, long sentNanos, long endNanos) {
    long latency = Histograms.micros(endNanos - intendedNanos);
    recorders[Series.LATENCY.ordinal()].recordValue(latency);
    recorders[Series.SERVICE.ordinal()].recordValue(Histograms.micros(endNanos - sentNanos));
    Series statusClass = Series.ofStatus(status);
    recorders[statusClass.ordinal()].recordValue(latency);
    statusCodes.record(status);
    boolean error = statusClass.isError();
    if (error) {
      errors.status(status, request, requestNames.get(request));
    }
    request(request, latency, error, true);
  }

  private void request(int request, long latencyMicros, boolean error, boolean inLatency) {
    requestCount[request]++;
    if (error) {
      requestErrors[request]++;
    }
    if (inLatency) {
      if (requestLatency[request] == null) {
        requestLatency[request] = Histograms.create();
      }
      requestLatency[request].recordValue(latencyMicros);
    }
  }

  /**
   * The totals of each request, by template index; {@code methods} and {@code urls} describe them.
   * Call only once the loop that records here has terminated.
   */
  public List<RequestResults> requestResults(List<String> methods, List<String> urls) {
    List<RequestResults> all = new ArrayList<>();
    for (int i = 0; i < requestNames.size(); i++) {
      Histogram latency = requestLatency[i] == null ? Histograms.create() : requestLatency[i];
      all.add(
          new RequestResults(
              requestNames.get(i),
              methods.get(i),
              urls.get(i),
              requestCount[i],
              requestErrors[i],
              latency));
    }
    return all;
  }

  /** The errors by kind so far. Call only once the loop that records here has terminated. */
  public ErrorKinds errorKinds() {
    return errors.snapshot();
  }

  /** The responses recorded so far by exact status code (a running total, not an interval). */
  public StatusCodes statusCodes() {
    return statusCodes.snapshot();
  }

  /**
   * Request {@code request} failed without a response, of {@code kind}; recorded at how long the
   * user waited for the failure. {@code message} says what happened, for the report's examples
   * (which name the request before it).
   */
  public void failure(
      int request, FailureKind kind, String message, long intendedNanos, long endNanos) {
    long waited = Histograms.micros(endNanos - intendedNanos);
    recorders[kind.series().ordinal()].recordValue(waited);
    errors.failure(kind, requestNames.get(request) + ": " + message);
    // As in the run's latency figures, a timed-out request counts at how long it was waited for.
    request(request, waited, true, kind.series() == Series.TIMEOUT);
  }

  /** The generator handed a request over {@code lagNanos} after its intended time. */
  public void lag(long lagNanos) {
    recorders[Series.LAG.ordinal()].recordValue(Histograms.micros(lagNanos));
  }

  /**
   * Everything recorded since the previous call, per series, stamped with the interval's bounds
   * (epoch milliseconds). Only one thread may call this.
   */
  public Map<Series, Histogram> takeInterval(long startMillis, long endMillis) {
    Map<Series, Histogram> interval = new EnumMap<>(Series.class);
    for (Series s : Series.values()) {
      Histogram h = recorders[s.ordinal()].getIntervalHistogram(recycled.remove(s));
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
