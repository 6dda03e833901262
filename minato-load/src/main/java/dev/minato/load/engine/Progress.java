package dev.minato.load.engine;

import dev.minato.load.stats.Tick;

/**
 * A snapshot of a running load test, once a second: for the live progress line.
 *
 * @param lastSecond the requests that completed in the last second and their latencies
 */
public record Progress(double elapsedSeconds, long finished, long inFlight, Tick lastSecond) {}
