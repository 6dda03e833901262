package dev.minato.load.engine;

import dev.minato.load.scenario.ArrivalModel;
import dev.minato.load.scenario.Scenario;
import dev.minato.load.scenario.Shard;
import dev.minato.load.scenario.Stage;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * How many requests of the open model may wait for a connection at once, and so the highest rate a
 * run can hold in bounded memory. A request waits at most its timeout (plus the sweep's period)
 * before it is counted as timed out, so at rate R up to R × timeout requests wait at once when the
 * target stalls. Each waiting request costs about {@link #BYTES_PER_REQUEST} bytes of heap, and the
 * queue may take a quarter of the heap; a rate whose waiting requests could exceed that is refused
 * before the run starts instead of filling the heap.
 */
public record PendingLimit(long requests, Duration window) {

  /** A waiting entry (an object with a template index and a time) plus its slot in the queue. */
  static final long BYTES_PER_REQUEST = 48;

  private static final long MIB = 1024 * 1024;

  /** The timeout sweep's period and the pacer's longest sleep: how late a timeout may be seen. */
  private static final Duration SWEEP_SLACK = Duration.ofMillis(60);

  public PendingLimit {
    if (requests < 1) {
      throw new IllegalArgumentException("requests must be >= 1");
    }
  }

  /** The limit for a run with {@code timeout} in a heap of {@code heapBytes}. */
  public static PendingLimit of(Duration timeout, long heapBytes) {
    return new PendingLimit(
        Math.max(1, heapBytes / 4 / BYTES_PER_REQUEST), timeout.plus(SWEEP_SLACK));
  }

  /** The limit for a run with {@code timeout} in this JVM's maximum heap. */
  public static PendingLimit forThisJvm(Duration timeout) {
    return of(timeout, Runtime.getRuntime().maxMemory());
  }

  /** The largest rate per second whose waiting requests always fit. */
  public double maxRate() {
    return requests / (window.toNanos() / 1e9);
  }

  /**
   * Why {@code scenario}'s share for {@code shard} cannot run in this limit (its peak rate is above
   * {@link #maxRate()}), or empty when it can. The closed model never has more requests waiting
   * than users, so it always fits.
   */
  public Optional<String> refusal(Scenario scenario, Shard shard) {
    if (!(scenario.model() instanceof ArrivalModel.Open open)) {
      return Optional.empty();
    }
    double peak = open.rate().perSecond();
    for (Stage stage : open.stages()) {
      peak = Math.max(peak, stage.rate().perSecond());
    }
    double share = peak / shard.count();
    if (share <= maxRate()) {
      return Optional.empty();
    }
    String per = shard.count() > 1 ? " per shard (" + shard.count() + " shards)" : "";
    return Optional.of(
        String.format(
            Locale.ROOT,
            "rate %s/s%s cannot be held: at most %d/s fits this run (%d requests may wait for a"
                + " connection in a quarter of the %d MiB heap, and each waits up to its %d ms"
                + " timeout); lower the rate or the timeout, add shards, or raise the heap (-Xmx)",
            format(share),
            per,
            (long) Math.floor(maxRate()),
            requests,
            (requests * BYTES_PER_REQUEST * 4 + MIB - 1) / MIB,
            window.minus(SWEEP_SLACK).toMillis()));
  }

  private static String format(double rate) {
    return rate == Math.rint(rate) && rate < 1e15
        ? Long.toString((long) rate)
        : String.format(Locale.ROOT, "%.6g", rate);
  }
}
