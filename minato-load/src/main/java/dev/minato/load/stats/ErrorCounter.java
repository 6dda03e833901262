package dev.minato.load.stats;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Counts one event loop's errors by kind and keeps their smallest few example messages (see {@link
 * ErrorKinds}). Only the loop writes; the run reads it once the loop has terminated. Memory is
 * bounded: the error codes are a fixed table, and each kind keeps at most {@link
 * ErrorKinds#MAX_EXAMPLES} messages. An error response's message depends only on the request and
 * the code, so it is made once per pair, not per response.
 */
final class ErrorCounter {

  private final long[] codes = new long[StatusCounter.CODES];
  private final Map<FailureKind, Long> failures = new EnumMap<>(FailureKind.class);
  private final Map<String, TreeSet<String>> examples = new HashMap<>();
  private final Set<Long> codeExamplesMade = new HashSet<>();

  void status(int status, int request, String requestName) {
    int code = StatusCounter.slot(status);
    codes[code]++;
    if (codeExamplesMade.add((long) request * StatusCounter.CODES + code)) {
      example(FailureKind.ofStatus(code), requestName + ": HTTP " + code);
    }
  }

  void failure(FailureKind kind, String message) {
    failures.merge(kind, 1L, Long::sum);
    example(kind.kind(), message);
  }

  private void example(String kind, String message) {
    TreeSet<String> kept = examples.computeIfAbsent(kind, k -> new TreeSet<>());
    String line = ErrorKinds.cut(message);
    if (kept.size() == ErrorKinds.MAX_EXAMPLES && line.compareTo(kept.last()) >= 0) {
      return;
    }
    kept.add(line);
    if (kept.size() > ErrorKinds.MAX_EXAMPLES) {
      kept.pollLast();
    }
  }

  ErrorKinds snapshot() {
    TreeMap<String, ErrorKinds.Entry> kinds = new TreeMap<>();
    for (int code = 400; code < codes.length; code++) {
      if (codes[code] > 0) {
        String kind = FailureKind.ofStatus(code);
        kinds.put(kind, entry(kind, codes[code]));
      }
    }
    failures.forEach((kind, count) -> kinds.put(kind.kind(), entry(kind.kind(), count)));
    return new ErrorKinds(kinds);
  }

  private ErrorKinds.Entry entry(String kind, long count) {
    return new ErrorKinds.Entry(count, List.copyOf(examples.getOrDefault(kind, new TreeSet<>())));
  }
}
