package dev.minato.load.stats;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Errors by kind ({@code http-503}, {@code reset}, {@code connect-refused}, see {@link
 * FailureKind}), each counted, with a few example messages. Counts add up exactly. The examples
 * kept are the {@link #MAX_EXAMPLES} smallest distinct messages in text order, so merging shards in
 * any order, or in any grouping, keeps the same examples: the smallest three of a union are the
 * smallest three of the parts' smallest three.
 *
 * @param kinds kind to its count and examples; kinds that never occurred are absent
 */
public record ErrorKinds(SortedMap<String, Entry> kinds) {

  public static final int MAX_EXAMPLES = 3;

  /** Longer messages are cut, so a server's error page cannot blow up a report or a log. */
  public static final int MAX_EXAMPLE_LENGTH = 160;

  public static final ErrorKinds NONE = new ErrorKinds(new TreeMap<>());

  private static final ObjectMapper JSON = new ObjectMapper();

  public ErrorKinds {
    kinds = Collections.unmodifiableSortedMap(new TreeMap<>(kinds));
  }

  /** How many errors of one kind, and up to {@link #MAX_EXAMPLES} messages, in text order. */
  public record Entry(long count, List<String> examples) {
    public Entry {
      TreeSet<String> kept = new TreeSet<>();
      for (String e : examples) {
        kept.add(cut(e));
      }
      examples = kept.stream().limit(MAX_EXAMPLES).toList();
    }

    Entry plus(Entry other) {
      List<String> all = new ArrayList<>(examples);
      all.addAll(other.examples);
      return new Entry(count + other.count, all);
    }
  }

  /** The example as kept: one line, at most {@link #MAX_EXAMPLE_LENGTH} characters. */
  static String cut(String message) {
    String line = message.replaceAll("\\s+", " ").strip();
    return line.length() <= MAX_EXAMPLE_LENGTH
        ? line
        : line.substring(0, MAX_EXAMPLE_LENGTH - 3) + "...";
  }

  /** Both sets, counts added, examples re-chosen from both. */
  public ErrorKinds plus(ErrorKinds other) {
    TreeMap<String, Entry> sum = new TreeMap<>(kinds);
    other.kinds.forEach((kind, entry) -> sum.merge(kind, entry, Entry::plus));
    return new ErrorKinds(sum);
  }

  public long total() {
    return kinds.values().stream().mapToLong(Entry::count).sum();
  }

  /** The kinds, most frequent first (ties in name order), as reports list them. */
  public List<Map.Entry<String, Entry>> byCount() {
    List<Map.Entry<String, Entry>> list = new ArrayList<>(kinds.entrySet());
    list.sort(
        Comparator.comparingLong((Map.Entry<String, Entry> e) -> e.getValue().count())
            .reversed()
            .thenComparing(Map.Entry::getKey));
    return list;
  }

  /** One kind as the shard log writes it: {@code http-503 188 ["checkout: HTTP 503"]}. */
  static String format(String kind, Entry entry) {
    try {
      return kind + " " + entry.count() + " " + JSON.writeValueAsString(entry.examples());
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a list of strings always serialises", e);
    }
  }

  /** Reads {@link #format}'s text back as a one-kind set; empty when it is not of that form. */
  static Optional<ErrorKinds> parse(String text) {
    String[] parts = text.strip().split(" ", 3);
    if (parts.length != 3 || !parts[0].matches("[a-z0-9-]+")) {
      return Optional.empty();
    }
    try {
      long count = Long.parseLong(parts[1]);
      String[] examples = JSON.readValue(parts[2], String[].class);
      if (count < 0 || examples == null) {
        return Optional.empty();
      }
      TreeMap<String, Entry> one = new TreeMap<>();
      one.put(parts[0], new Entry(count, List.of(examples)));
      return Optional.of(new ErrorKinds(one));
    } catch (NumberFormatException | JsonProcessingException e) {
      return Optional.empty();
    }
  }
}
