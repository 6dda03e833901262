package dev.minato.load.stats;

import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Counts responses by exact status code while one event loop records them. A fixed array covers
 * every three-digit code, so memory is bounded whatever the server answers; a code outside 0..999
 * (which the response parser does not produce) is counted as 999.
 */
final class StatusCounter {

  static final int CODES = 1000;

  // Written by one loop, read by the sampler: atomic reads and writes, no contention.
  private final AtomicLongArray counts = new AtomicLongArray(CODES);

  /** The table slot of {@code status}: itself, or 999 when it is not a three-digit code. */
  static int slot(int status) {
    return status < 0 || status >= CODES ? CODES - 1 : status;
  }

  void record(int status) {
    int code = slot(status);
    counts.lazySet(code, counts.get(code) + 1);
  }

  StatusCodes snapshot() {
    TreeMap<Integer, Long> seen = new TreeMap<>();
    for (int code = 0; code < CODES; code++) {
      long count = counts.get(code);
      if (count > 0) {
        seen.put(code, count);
      }
    }
    return new StatusCodes(seen);
  }
}
