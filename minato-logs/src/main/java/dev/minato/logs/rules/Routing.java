package dev.minato.logs.rules;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Which output stream an event goes to, chosen by one of its labels ({@code app}, {@code team},
 * {@code stream}): one log group per application instead of one that nobody can read.
 *
 * <p>With {@code streams}, a label value listed there goes to the stream it names and any other to
 * {@code fallback}. Without, the label value is the stream name itself. A missing label, or a value
 * that is not a stream name ({@link #NAME}: it becomes a file name, a log group, an index), goes to
 * {@code fallback}.
 *
 * @param label the label that chooses
 * @param streams label values and the stream each goes to; empty: the value is the stream
 * @param fallback the stream of everything else
 */
public record Routing(String label, Map<String, String> streams, String fallback) {

  /** What a stream name may be. */
  public static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

  public Routing {
    Objects.requireNonNull(label, "label");
    streams = Map.copyOf(new TreeMap<>(streams));
    requireName(fallback);
    streams.values().forEach(Routing::requireName);
  }

  /** The stream of an event whose routing label has {@code value} (empty: it has none). */
  public String streamOf(Optional<String> value) {
    if (value.isEmpty()) {
      return fallback;
    }
    if (!streams.isEmpty()) {
      return streams.getOrDefault(value.get(), fallback);
    }
    return NAME.matcher(value.get()).matches() ? value.get() : fallback;
  }

  private static void requireName(String name) {
    if (!NAME.matcher(Objects.requireNonNull(name, "stream")).matches()) {
      throw new IllegalArgumentException(
          "a stream name is letters, digits, '.', '_' and '-', starting with a letter or digit,"
              + " at most 128: '"
              + name
              + "'");
    }
  }
}
