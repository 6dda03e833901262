package dev.minato.load.stats;

import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.StringJoiner;
import java.util.TreeMap;

/**
 * How many responses carried each exact HTTP status code, in code order. Counts add up exactly, so
 * the codes of merged shards are those of one process that had seen every response.
 *
 * @param counts code to count; codes that never occurred are absent
 */
public record StatusCodes(SortedMap<Integer, Long> counts) {

  public static final StatusCodes NONE = new StatusCodes(new TreeMap<>());

  public StatusCodes {
    counts = Collections.unmodifiableSortedMap(new TreeMap<>(counts));
  }

  /** The codes of both, counts added. */
  public StatusCodes plus(StatusCodes other) {
    TreeMap<Integer, Long> sum = new TreeMap<>(counts);
    other.counts.forEach((code, count) -> sum.merge(code, count, Long::sum));
    return new StatusCodes(sum);
  }

  public long total() {
    return counts.values().stream().mapToLong(Long::longValue).sum();
  }

  /** {@code 200=9812 503=188}, as the shard log writes it; {@link #parse} reads it back. */
  public String format() {
    StringJoiner out = new StringJoiner(" ");
    counts.forEach((code, count) -> out.add(code + "=" + count));
    return out.toString();
  }

  /** Reads {@link #format()}'s text; empty when it is not of that form. */
  public static Optional<StatusCodes> parse(String text) {
    TreeMap<Integer, Long> counts = new TreeMap<>();
    for (String pair : text.strip().split("\\s+")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      try {
        int code = Integer.parseInt(pair.substring(0, Math.max(0, eq)));
        long count = Long.parseLong(pair.substring(eq + 1));
        if (code < 0 || count < 0 || counts.put(code, count) != null) {
          return Optional.empty();
        }
      } catch (NumberFormatException e) {
        return Optional.empty();
      }
    }
    return Optional.of(new StatusCodes(counts));
  }

  /** The codes that count as errors (4xx and 5xx), in code order. */
  public Map<Integer, Long> errors() {
    return counts.tailMap(400);
  }
}
