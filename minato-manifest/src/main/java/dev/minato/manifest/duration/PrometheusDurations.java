package dev.minato.manifest.duration;

import dev.minato.manifest.InvalidValueException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as Prometheus writes them in range selectors and SLO windows ({@code 5m}, {@code 30d},
 * {@code 1h30m}): whole numbers each with a unit (ms, s, m, h, d, w, y), largest unit first. Go's
 * syntax ({@link Durations}) has no days, which every SLO window is counted in, and Prometheus has
 * no fractions: the two are separate languages, each defined once here.
 */
public final class PrometheusDurations {

  /** What a Prometheus duration looks like, for messages that show it after "expected". */
  public static final String EXPECTED =
      "whole numbers with units (ms, s, m, h, d, w, y), largest first, like 5m, 28d or 1h30m";

  private static final Map<String, Duration> UNITS = new LinkedHashMap<>();

  static {
    UNITS.put("y", Duration.ofDays(365));
    UNITS.put("w", Duration.ofDays(7));
    UNITS.put("d", Duration.ofDays(1));
    UNITS.put("h", Duration.ofHours(1));
    UNITS.put("m", Duration.ofMinutes(1));
    UNITS.put("s", Duration.ofSeconds(1));
    UNITS.put("ms", Duration.ofMillis(1));
  }

  private static final Pattern PART = Pattern.compile("([0-9]+)(ms|[ywdhms])");

  private PrometheusDurations() {}

  /**
   * Parses a positive Prometheus duration.
   *
   * @throws InvalidValueException naming what is wrong (a fraction, an unknown unit, units out of
   *     order, zero) and the expected form
   */
  public static Duration parse(String text) throws InvalidValueException {
    String value = text.strip();
    if (value.isEmpty()) {
      throw invalid(text, "it is empty");
    }
    Duration total = Duration.ZERO;
    int at = 0;
    int lastUnit = -1;
    Matcher part = PART.matcher(value);
    while (at < value.length()) {
      part.region(at, value.length());
      if (!part.lookingAt()) {
        String rest = value.substring(at);
        throw invalid(
            text,
            rest.matches("[0-9]*\\..*")
                ? "Prometheus durations have no fractions"
                : "unexpected '" + rest + "'");
      }
      int unit = index(part.group(2));
      if (unit <= lastUnit) {
        throw invalid(text, "units must be written largest first, each once");
      }
      lastUnit = unit;
      try {
        total = total.plus(UNITS.get(part.group(2)).multipliedBy(Long.parseLong(part.group(1))));
      } catch (ArithmeticException | NumberFormatException e) {
        throw invalid(text, "it is too long");
      }
      at = part.end();
    }
    if (total.isZero()) {
      throw invalid(text, "it is zero");
    }
    return total;
  }

  private static int index(String unit) {
    int i = 0;
    for (String known : UNITS.keySet()) {
      if (known.equals(unit)) {
        return i;
      }
      i++;
    }
    throw new IllegalArgumentException(unit);
  }

  private static InvalidValueException invalid(String text, String problem) {
    return new InvalidValueException(
        "'" + text + "' is not a Prometheus duration: " + problem + "; expected " + EXPECTED);
  }
}
