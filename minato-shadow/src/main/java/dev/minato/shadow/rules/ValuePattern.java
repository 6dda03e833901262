package dev.minato.shadow.rules;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Values that differ by nature but mean the same (a timestamp, a UUID): two values that both match
 * the pattern count as equal, in JSON fields the paths name (every field when none are named) and
 * in text bodies, where matches are masked before lines are compared.
 *
 * @param name a short name for reports ({@code uuid}, or the regex itself)
 * @param regex the whole value must match it
 * @param paths where it applies; empty means everywhere
 */
public record ValuePattern(String name, Pattern regex, List<PathPattern> paths) {

  /** The patterns a rules file can name instead of writing a regex. */
  public static final Map<String, String> PRESETS =
      Map.of(
          "uuid", "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}",
          "timestamp",
              "[0-9]{4}-[0-9]{2}-[0-9]{2}[T ][0-9]{2}:[0-9]{2}:[0-9]{2}(?:[.,][0-9]+)?"
                  + "(?:Z|[+-][0-9]{2}:?[0-9]{2})?"
                  + "|(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun), [0-9]{2} [A-Z][a-z]{2} [0-9]{4}"
                  + " [0-9]{2}:[0-9]{2}:[0-9]{2} GMT",
          "epoch", "1[0-9]{9}(?:[0-9]{3})?(?:\\.[0-9]+)?",
          "hex", "[0-9a-fA-F]{8,}");

  public ValuePattern {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(regex, "regex");
    paths = List.copyOf(paths);
  }

  /** A preset by name, everywhere. */
  public static Optional<ValuePattern> preset(String name) {
    return Optional.ofNullable(PRESETS.get(name))
        .map(regex -> new ValuePattern(name, Pattern.compile(regex), List.of()));
  }

  /** True when both texts match the whole pattern. */
  public boolean bothMatch(String before, String after) {
    return regex.matcher(before).matches() && regex.matcher(after).matches();
  }
}
