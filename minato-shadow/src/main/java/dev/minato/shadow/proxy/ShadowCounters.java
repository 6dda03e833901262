package dev.minato.shadow.proxy;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * What a shadow run has done so far, counted from every event loop without locks: the status
 * endpoint, the progress line and the final report read it.
 */
public final class ShadowCounters {

  final LongAdder requests = new LongAdder();
  final LongAdder primaryAnswered = new LongAdder();
  final LongAdder mirrored = new LongAdder();
  final LongAdder dropped = new LongAdder();
  final LongAdder droppedBusy = new LongAdder();
  final LongAdder compared = new LongAdder();
  final LongAdder clientAborted = new LongAdder();
  final LongAdder secondaryFromPrimary = new LongAdder();
  private final Map<String, LongAdder> primaryFailed = new ConcurrentHashMap<>();
  private final Map<String, LongAdder> candidateFailed = new ConcurrentHashMap<>();
  private final Map<String, LongAdder> secondaryFailed = new ConcurrentHashMap<>();
  private final Map<String, LongAdder> notMirrored = new ConcurrentHashMap<>();

  void primaryFailed(String kind) {
    add(primaryFailed, kind);
  }

  void candidateFailed(String kind) {
    add(candidateFailed, kind);
  }

  void secondaryFailed(String kind) {
    add(secondaryFailed, kind);
  }

  void notMirrored(MirrorPolicy.Decision why) {
    add(notMirrored, why.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
  }

  private static void add(Map<String, LongAdder> counts, String key) {
    counts.computeIfAbsent(key, k -> new LongAdder()).increment();
  }

  /**
   * A consistent-enough copy of the counts (each count is exact; they are read one by one), with
   * the upstream clients' stale-connection retries, which the clients count themselves.
   */
  public ShadowStatus snapshot(long elapsedNanos, Map<String, Long> staleRetries) {
    return new ShadowStatus(
        elapsedNanos / 1_000_000,
        requests.sum(),
        primaryAnswered.sum(),
        sums(primaryFailed),
        mirrored.sum(),
        dropped.sum(),
        droppedBusy.sum(),
        sums(notMirrored),
        sums(candidateFailed),
        sums(secondaryFailed),
        secondaryFromPrimary.sum(),
        compared.sum(),
        clientAborted.sum(),
        staleRetries);
  }

  private static Map<String, Long> sums(Map<String, LongAdder> counts) {
    Map<String, Long> sorted = new TreeMap<>();
    counts.forEach((k, v) -> sorted.put(k, v.sum()));
    return sorted;
  }
}
