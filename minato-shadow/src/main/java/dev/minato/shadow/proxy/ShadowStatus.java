package dev.minato.shadow.proxy;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * The counts of a shadow run at one moment, as the status endpoint serves them (JSON) and the final
 * report prints them.
 *
 * @param elapsedMillis time since the proxy started
 * @param requests client requests received
 * @param primaryAnswered requests the primary answered (whatever the status)
 * @param primaryFailed requests the primary did not answer, by failure kind (the client got 502 or
 *     504, or a cut connection)
 * @param mirrored requests sent to the copies
 * @param dropped mirror copies dropped: the mirror queue was full, or a copy would have waited for
 *     a connection (see {@code droppedBusy})
 * @param droppedBusy of those, the copies dropped because every connection to the candidate or the
 *     secondary on the event loop was busy (a stalled or slow copy), instead of waiting for one
 * @param notMirrored requests not eligible for mirroring, by reason (method, body, body-too-large)
 * @param candidateFailed mirrored requests the candidate did not answer, by failure kind
 * @param secondaryFailed mirrored requests the secondary did not answer, by failure kind
 * @param secondaryFromPrimary requests sent to the primary a second time, as the secondary
 * @param compared exchanges complete and handed to the comparison
 * @param clientAborted requests whose client went away before the response ended
 * @param staleRetries requests sent once more on a new connection because the kept-alive one they
 *     were written to had been closed by the upstream while idle, by upstream ({@code primary},
 *     {@code candidate}, {@code secondary}, {@code primary-again} for the primary asked twice)
 */
public record ShadowStatus(
    long elapsedMillis,
    long requests,
    long primaryAnswered,
    Map<String, Long> primaryFailed,
    long mirrored,
    long dropped,
    long droppedBusy,
    Map<String, Long> notMirrored,
    Map<String, Long> candidateFailed,
    Map<String, Long> secondaryFailed,
    long secondaryFromPrimary,
    long compared,
    long clientAborted,
    Map<String, Long> staleRetries) {

  public ShadowStatus {
    primaryFailed = sorted(primaryFailed);
    notMirrored = sorted(notMirrored);
    candidateFailed = sorted(candidateFailed);
    secondaryFailed = sorted(secondaryFailed);
    staleRetries = sorted(staleRetries);
  }

  private static Map<String, Long> sorted(Map<String, Long> counts) {
    return Collections.unmodifiableMap(new TreeMap<>(counts));
  }

  /** Mirror copies not yet complete: sent but waiting for the candidate or secondary. */
  public long mirrorsInFlight() {
    return mirrored - compared;
  }

  public long primaryFailures() {
    return primaryFailed.values().stream().mapToLong(Long::longValue).sum();
  }
}
