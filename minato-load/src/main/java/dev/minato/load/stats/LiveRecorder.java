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
 *
 * <p>A response is recorded once where it can be: most responses' service time equals their latency
 * to the microsecond (the closed model sends at the intended time), so such a response goes only
 * into its status class's "same" histogram, and {@link Series#LATENCY}, {@link Series#SERVICE} and
 * the status classes are sums of these parts, taken per interval. A response whose service time
 * differs goes into its class's "differs" histogram and its service time into one more. Sums of
 * histograms of one shape are exact, so every figure is what recording each series separately gave
 * (four records per response, each entering and leaving a recorder's phaser, where this makes one).
 * With a single request template, its latency is the run's latency and timeouts, added up per
 * interval instead of recorded a second time.
 */
public final class LiveRecorder {

  private static final Series[] CLASSES = {
    Series.STATUS_1XX, Series.STATUS_2XX, Series.STATUS_3XX, Series.STATUS_4XX, Series.STATUS_5XX
  };

  // By Series ordinal, for the series recorded as they are (lag and the failure classes).
  private final SingleWriterRecorder[] recorders = new SingleWriterRecorder[Series.values().length];
  // By status class (1xx at 0): latencies of responses whose service time equals it, and of the
  // others; and the others' service times.
  private final SingleWriterRecorder[] sameService = new SingleWriterRecorder[CLASSES.length];
  private final SingleWriterRecorder[] otherService = new SingleWriterRecorder[CLASSES.length];
  private final SingleWriterRecorder serviceOfOthers = Histograms.singleWriterRecorder();
  private final Map<Series, Histogram> recycled = new EnumMap<>(Series.class);
  private final Histogram[] parts = new Histogram[2 * CLASSES.length + 1];
  private final StatusCounter statusCodes = new StatusCounter();
  private final ErrorCounter errors = new ErrorCounter();
  private final List<String> requestNames;
  // Per request, totals only (no intervals): written by the loop, read once it has terminated.
  // With one request, its latency is summed from the intervals instead (by the interval reader).
  private final boolean oneRequest;
  private final Histogram[] requestLatency;
  private final long[] requestCount;
  private final long[] requestErrors;

  /** A recorder for a scenario whose requests, by template index, are {@code requestNames}. */
  public LiveRecorder(List<String> requestNames) {
    for (Series s : Series.values()) {
      if (!s.isStatusClass() && s != Series.LATENCY && s != Series.SERVICE) {
        recorders[s.ordinal()] = Histograms.singleWriterRecorder();
      }
    }
    for (int c = 0; c < CLASSES.length; c++) {
      sameService[c] = Histograms.singleWriterRecorder();
      otherService[c] = Histograms.singleWriterRecorder();
    }
    this.requestNames = List.copyOf(requestNames);
    this.oneRequest = requestNames.size() == 1;
    this.requestLatency = new Histogram[requestNames.size()];
    this.requestCount = new long[requestNames.size()];
    this.requestErrors = new long[requestNames.size()];
    if (oneRequest) {
      requestLatency[0] = Histograms.create();
    }
  }

  /**
   * A response with {@code status} arrived for request {@code request} (its template index); times
   * are {@link System#nanoTime()} readings.
   */
  public void response(int request, int status, long intendedNanos, long sentNanos, long endNanos) {
    long latency = Histograms.micros(endNanos - intendedNanos);
    long service = sentNanos == intendedNanos ? latency : Histograms.micros(endNanos - sentNanos);
    int statusClass = classOf(status);
    if (service == latency) {
      sameService[statusClass].recordValue(latency);
    } else {
      otherService[statusClass].recordValue(latency);
      serviceOfOthers.recordValue(service);
    }
    statusCodes.record(status);
    // 4xx and 5xx are errors (Series.isError).
    boolean error = statusClass >= 3;
    if (error) {
      errors.status(status, request, requestNames.get(request));
    }
    request(request, latency, error, true);
  }

  /** The index in {@link #CLASSES} of {@code status}'s class, as {@link Series#ofStatus}. */
  private static int classOf(int status) {
    int hundreds = status / 100;
    return hundreds >= 1 && hundreds <= 4 ? hundreds - 1 : 4;
  }

  private void request(int request, long latencyMicros, boolean error, boolean inLatency) {
    requestCount[request]++;
    if (error) {
      requestErrors[request]++;
    }
    if (inLatency && !oneRequest) {
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
      // A recorder takes back only histograms it gave out (null the first time).
      Histogram h = recycled.remove(s);
      SingleWriterRecorder recorder = recorders[s.ordinal()];
      if (recorder != null) {
        h = recorder.getIntervalHistogram(h);
      } else if (h == null) {
        h = Histograms.create();
      } else {
        h.reset();
      }
      interval.put(s, h);
    }
    // The response series, from their parts: the classes' latencies, and the service times.
    Histogram latency = interval.get(Series.LATENCY);
    Histogram service = interval.get(Series.SERVICE);
    for (int c = 0; c < CLASSES.length; c++) {
      Histogram same = sameService[c].getIntervalHistogram(parts[2 * c]);
      Histogram other = otherService[c].getIntervalHistogram(parts[2 * c + 1]);
      parts[2 * c] = same;
      parts[2 * c + 1] = other;
      Histogram statusClass = interval.get(CLASSES[c]);
      add(statusClass, same);
      add(statusClass, other);
      add(latency, statusClass);
      add(service, same);
    }
    Histogram others = serviceOfOthers.getIntervalHistogram(parts[parts.length - 1]);
    parts[parts.length - 1] = others;
    add(service, others);
    if (oneRequest) {
      // Read by requestResults once the loop has terminated, after the run's last interval.
      add(requestLatency[0], latency);
      add(requestLatency[0], interval.get(Series.TIMEOUT));
    }
    // Stamped last: adding a histogram widens the sum's time stamps to the part's.
    interval.forEach(
        (s, h) -> {
          h.setStartTimeStamp(startMillis);
          h.setEndTimeStamp(endMillis);
          h.setTag(s.tag());
        });
    return interval;
  }

  /** Adds {@code part} to {@code sum}, skipping the scan of an empty one. */
  private static void add(Histogram sum, Histogram part) {
    if (part.getTotalCount() > 0) {
      sum.add(part);
    }
  }

  /** Gives histograms of a consumed interval back for reuse, so sampling allocates nothing. */
  public void recycle(Map<Series, Histogram> interval) {
    recycled.putAll(interval);
  }
}
