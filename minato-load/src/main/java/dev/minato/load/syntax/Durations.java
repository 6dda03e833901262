package dev.minato.load.syntax;

import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as people write them on command lines and in scenarios: {@code 250ms}, {@code 30s}. */
public final class Durations {

  private static final Pattern TEXT = Pattern.compile("(\\d+(?:\\.\\d+)?)(us|µs|ms|s|m|h)");

  private Durations() {}

  /** The duration {@code text} names, or empty when it is not a number followed by a unit. */
  public static Optional<Duration> parse(String text) {
    Matcher m = TEXT.matcher(text.strip());
    if (!m.matches()) {
      return Optional.empty();
    }
    double amount = Double.parseDouble(m.group(1));
    double nanosPerUnit =
        switch (m.group(2)) {
          case "us", "µs" -> 1e3;
          case "ms" -> 1e6;
          case "s" -> 1e9;
          case "m" -> 60e9;
          default -> 3600e9;
        };
    return Optional.of(Duration.ofNanos(Math.round(amount * nanosPerUnit)));
  }

  /** The expectation shown when {@link #parse} fails. */
  public static String expected() {
    return "a number with a unit (us, ms, s, m, h), like 250ms or 30s";
  }

  /** A short human form: {@code 1.204s}, {@code 12.5ms}, {@code 830us}. */
  public static String format(Duration d) {
    return formatMicros(d.toNanos() / 1_000.0);
  }

  /** A short human form of a number of microseconds. */
  public static String formatMicros(double micros) {
    if (micros >= 1e6) {
      return trim(micros / 1e6, 3) + "s";
    }
    if (micros >= 1e3) {
      return trim(micros / 1e3, 3) + "ms";
    }
    return trim(micros, 0) + "us";
  }

  private static String trim(double value, int decimals) {
    String s = String.format(java.util.Locale.ROOT, "%." + decimals + "f", value);
    if (s.contains(".")) {
      s = s.replaceAll("0+$", "").replaceAll("\\.$", "");
    }
    return s;
  }
}
