package dev.minato.manifest.duration;

import dev.minato.manifest.InvalidValueException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as kubectl and Kubernetes write them ({@code --timeout=90s}, {@code 1h30m}, {@code
 * 250ms}, {@code 1.5s}): Go's {@code time.ParseDuration}, one or more decimal numbers each with a
 * unit (ns, us, µs, ms, s, m, h), or a bare {@code 0}. Unlike Go, a sign is refused: every duration
 * minato reads (timeouts, intervals, test lengths, latency targets) is a span of time.
 */
public final class Durations {

  /** What a duration looks like, for messages that show it after "expected". */
  public static final String EXPECTED =
      "a number with a unit (ns, us, ms, s, m, h), like 250ms, 30s or 1h30m";

  private static final Pattern PART = Pattern.compile("([0-9]*(?:\\.[0-9]*)?)([^0-9.]*)");

  private static final Map<String, Long> NANOS_PER_UNIT =
      Map.of(
          "ns", 1L,
          "us", 1_000L,
          "\u00b5s", 1_000L,
          "\u03bcs", 1_000L,
          "ms", 1_000_000L,
          "s", 1_000_000_000L,
          "m", 60_000_000_000L,
          "h", 3_600_000_000_000L);

  private Durations() {}

  /**
   * Parses a duration; fractions below a nanosecond are dropped, as Go does.
   *
   * @throws InvalidValueException naming the part that is wrong (a missing or unknown unit, a sign,
   *     a missing number) and the expected form
   */
  public static Duration parse(String text) throws InvalidValueException {
    String value = text.strip();
    if (value.isEmpty()) {
      throw invalid(text, "it is empty");
    }
    if (value.startsWith("-") || value.startsWith("+")) {
      throw invalid(text, "a duration has no sign");
    }
    if (value.equals("0")) {
      return Duration.ZERO;
    }
    BigDecimal nanos = BigDecimal.ZERO;
    int at = 0;
    Matcher part = PART.matcher(value);
    while (at < value.length()) {
      part.region(at, value.length());
      if (!part.lookingAt() || part.end() == at) {
        throw invalid(text, "unexpected '" + value.substring(at) + "'");
      }
      String number = part.group(1);
      String unit = part.group(2);
      if (number.isEmpty() || number.equals(".")) {
        throw invalid(text, "'" + unit + "' has no number before it");
      }
      if (unit.isEmpty()) {
        throw invalid(text, "'" + number + "' has no unit");
      }
      Long perUnit = NANOS_PER_UNIT.get(unit);
      if (perUnit == null) {
        throw invalid(text, "unknown unit '" + unit + "'");
      }
      nanos = nanos.add(new BigDecimal(number).multiply(BigDecimal.valueOf(perUnit)));
      at = part.end();
    }
    try {
      return Duration.ofNanos(nanos.setScale(0, RoundingMode.DOWN).longValueExact());
    } catch (ArithmeticException e) {
      throw invalid(text, "it is longer than 292 years");
    }
  }

  private static InvalidValueException invalid(String text, String problem) {
    return new InvalidValueException(
        "'" + text + "' is not a duration: " + problem + "; expected " + EXPECTED);
  }
}
