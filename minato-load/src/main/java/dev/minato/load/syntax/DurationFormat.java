package dev.minato.load.syntax;

import java.time.Duration;

/**
 * Durations written for people, in the syntax {@code dev.minato.manifest.duration.Durations} reads
 * back: {@code 1.204s}, {@code 12.5ms}, {@code 830us}.
 */
public final class DurationFormat {

  private DurationFormat() {}

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
