package dev.minato.spec;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Kubernetes resource quantity ({@code 500m}, {@code 2}, {@code 512Mi}), kept as the text the
 * user wrote (rendered as-is) and its value in base units (cores or bytes) for arithmetic.
 */
public record Quantity(String text, BigDecimal value) {

  private static final Pattern FORM =
      Pattern.compile("^([0-9]+(?:\\.[0-9]*)?|\\.[0-9]+)([eE][-+]?[0-9]+|[a-zA-Z]{0,2})$");

  private static final Map<String, BigDecimal> SUFFIXES =
      Map.ofEntries(
          Map.entry("", BigDecimal.ONE),
          Map.entry("n", new BigDecimal("1e-9")),
          Map.entry("u", new BigDecimal("1e-6")),
          Map.entry("m", new BigDecimal("1e-3")),
          Map.entry("k", new BigDecimal("1e3")),
          Map.entry("M", new BigDecimal("1e6")),
          Map.entry("G", new BigDecimal("1e9")),
          Map.entry("T", new BigDecimal("1e12")),
          Map.entry("P", new BigDecimal("1e15")),
          Map.entry("E", new BigDecimal("1e18")),
          Map.entry("Ki", BigDecimal.valueOf(1L << 10)),
          Map.entry("Mi", BigDecimal.valueOf(1L << 20)),
          Map.entry("Gi", BigDecimal.valueOf(1L << 30)),
          Map.entry("Ti", BigDecimal.valueOf(1L << 40)),
          Map.entry("Pi", BigDecimal.valueOf(1L << 50)),
          Map.entry("Ei", BigDecimal.valueOf(1L << 60)));

  /** Parses the Kubernetes quantity syntax; empty when {@code text} is not a quantity. */
  public static Optional<Quantity> parse(String text) {
    Matcher m = FORM.matcher(text.strip());
    if (!m.matches()) {
      return Optional.empty();
    }
    BigDecimal number = new BigDecimal(m.group(1));
    String suffix = m.group(2);
    BigDecimal value;
    if (suffix.startsWith("e") || suffix.startsWith("E")) {
      value = number.scaleByPowerOfTen(Integer.parseInt(suffix.substring(1)));
    } else {
      BigDecimal multiplier = SUFFIXES.get(suffix);
      if (multiplier == null) {
        return Optional.empty();
      }
      value = number.multiply(multiplier);
    }
    return Optional.of(new Quantity(text.strip(), value.stripTrailingZeros()));
  }

  /**
   * CPU cores rounded up to a whole number, at least 1: what a runtime should treat as its CPUs.
   */
  public int wholeCoresAtLeastOne() {
    return Math.max(1, value.setScale(0, RoundingMode.CEILING).intValueExact());
  }

  /** CPU in millicores, rounded up. */
  public long millis() {
    return value.movePointRight(3).setScale(0, RoundingMode.CEILING).longValueExact();
  }

  public int compareTo(Quantity other) {
    return value.compareTo(other.value);
  }

  @Override
  public String toString() {
    return text;
  }
}
