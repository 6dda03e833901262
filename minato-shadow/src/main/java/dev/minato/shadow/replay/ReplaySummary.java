package dev.minato.shadow.replay;

import java.util.List;
import java.util.Map;

/**
 * What a replay did with its log: requests read, sent, skipped by method, and malformed lines with
 * the first few of them.
 *
 * @param requests lines (or entries) that held a request
 * @param replayed requests sent
 * @param skipped requests not sent, by method (not a replayed method)
 * @param malformed lines that held no readable request
 * @param firstMalformed the first {@link #SHOWN} of them, in log order
 * @param late requests sent more than 100 ms after they were due (the replay fell behind)
 * @param stopped true when the replay was stopped before the end of the log (Ctrl-C)
 * @param seconds how long reading and sending took
 */
public record ReplaySummary(
    long requests,
    long replayed,
    Map<String, Long> skipped,
    long malformed,
    List<Malformed> firstMalformed,
    long late,
    boolean stopped,
    double seconds) {

  public static final int SHOWN = 10;

  public ReplaySummary {
    skipped = Map.copyOf(skipped);
    firstMalformed = List.copyOf(firstMalformed);
  }
}
