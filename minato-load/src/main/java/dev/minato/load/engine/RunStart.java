package dev.minato.load.engine;

import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * When a run's two phases begin, from one reading of both clocks: the warm-up at {@code
 * warmupNanos}, the measured run at {@code measuredNanos} ({@link System#nanoTime()} values), which
 * is {@code measuredMillis} on the wall clock. Without a warm-up both are the same instant.
 *
 * <p>With a start time and room for the warm-up before it, the measured run begins at that very
 * instant and the warm-up just before it, so the shards of one run measure the same window. A run
 * set up later warms up in full from now and begins {@code lateMillis} after the start time.
 */
record RunStart(long warmupNanos, long measuredNanos, long measuredMillis, long lateMillis) {

  /**
   * The phases of a run with a warm-up of {@code warmupNanos} (0 for none) and an optional start
   * time, set up at {@code nowMillis} (wall clock) and {@code nowNanos} ({@link System#nanoTime()})
   * read together.
   */
  static RunStart of(Optional<Instant> startAt, long warmupNanos, long nowMillis, long nowNanos) {
    if (startAt.isPresent()) {
      long atMillis = startAt.get().toEpochMilli();
      long untilNanos = TimeUnit.MILLISECONDS.toNanos(atMillis - nowMillis);
      if (untilNanos - warmupNanos > 0) {
        long measuredNanos = nowNanos + untilNanos;
        return new RunStart(measuredNanos - warmupNanos, measuredNanos, atMillis, 0);
      }
    }
    long measuredMillis = nowMillis + TimeUnit.NANOSECONDS.toMillis(warmupNanos);
    long late = startAt.map(at -> Math.max(0, measuredMillis - at.toEpochMilli())).orElse(0L);
    return new RunStart(nowNanos, nowNanos + warmupNanos, measuredMillis, late);
  }

  boolean hasWarmup() {
    return measuredNanos != warmupNanos;
  }
}
