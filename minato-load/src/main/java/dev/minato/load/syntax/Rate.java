package dev.minato.load.syntax;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Requests per second, written {@code 500/s}, {@code 3000/m} or {@code 10/ms}; the number may have
 * an exponent ({@code 1e6/s}).
 */
public record Rate(double perSecond) {

  private static final Pattern TEXT =
      Pattern.compile("(\\d+(?:\\.\\d+)?(?:[eE]\\d+)?)(?:\\s*/\\s*(ms|s|sec|m|min|h))?");

  public Rate {
    if (!(perSecond >= 0) || Double.isInfinite(perSecond)) {
      throw new IllegalArgumentException("rate must be finite and >= 0: " + perSecond);
    }
  }

  /** The rate {@code text} names, or empty when it is not a number with an optional unit. */
  public static Optional<Rate> parse(String text) {
    Matcher m = TEXT.matcher(text.strip());
    if (!m.matches()) {
      return Optional.empty();
    }
    double amount = Double.parseDouble(m.group(1));
    String unit = m.group(2) == null ? "s" : m.group(2);
    double perSecond =
        switch (unit) {
          case "ms" -> amount * 1000;
          case "m", "min" -> amount / 60;
          case "h" -> amount / 3600;
          default -> amount;
        };
    if (Double.isInfinite(perSecond)) {
      return Optional.empty(); // beyond a double: no rate, rather than an internal error
    }
    return Optional.of(new Rate(perSecond));
  }

  public static String expected() {
    return "requests per time unit, like 500/s, 3000/m or 10/ms";
  }

  /** This rate split evenly over {@code parts} shards. */
  public Rate divide(int parts) {
    return new Rate(perSecond / parts);
  }

  @Override
  public String toString() {
    if (perSecond == Math.rint(perSecond)) {
      return (long) perSecond + "/s";
    }
    return String.format(Locale.ROOT, "%.3f/s", perSecond).replaceAll("0+/s$", "/s");
  }
}
