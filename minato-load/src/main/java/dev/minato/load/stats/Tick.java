package dev.minato.load.stats;

/**
 * One second of a run, for time series: how many requests completed, how many were errors, and the
 * latency percentiles of that second (microseconds, 0 when nothing completed).
 */
public record Tick(
    long second,
    long requests,
    long errors,
    long p50Micros,
    long p90Micros,
    long p99Micros,
    long maxMicros) {}
