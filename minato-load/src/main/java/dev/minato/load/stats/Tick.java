package dev.minato.load.stats;

/**
 * One second of a run, for time series: how many requests completed, how many were errors, and the
 * latency percentiles of that second (microseconds, 0 when nothing completed). {@code millis} is
 * how much of the second the intervals covered; the last second of a run is usually partial.
 */
public record Tick(
    long second,
    long millis,
    long requests,
    long errors,
    long p50Micros,
    long p90Micros,
    long p99Micros,
    long maxMicros) {

  /** Requests per second during the covered part of this second. */
  public double rate() {
    return millis <= 0 ? 0 : requests * 1000.0 / millis;
  }
}
