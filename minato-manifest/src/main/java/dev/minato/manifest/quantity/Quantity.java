package dev.minato.manifest.quantity;

import com.fasterxml.jackson.databind.JsonNode;
import dev.minato.manifest.InvalidValueException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Kubernetes resource quantity ({@code 500m}, {@code 2}, {@code 512Mi}, {@code 1e3}), kept as the
 * text the user wrote (rendered as is) and its value in base units (cores or bytes) for arithmetic.
 * It reads what the API server reads ({@code resource.ParseQuantity}): an optional sign, a decimal
 * number, then one binary suffix (Ki … Ei), one decimal suffix (n, u, m, k, M … E) or an exponent
 * ({@code e3}, {@code E-2}); a YAML number is a quantity without a suffix.
 */
public record Quantity(String text, BigDecimal value) {

  private static final Pattern FORM =
      Pattern.compile("^([-+]?(?:[0-9]+(?:\\.[0-9]*)?|\\.[0-9]+))(.*)$");
  private static final Pattern EXPONENT = Pattern.compile("^[eE][-+]?[0-9]+$");

  private static final Map<String, BigDecimal> SUFFIXES = new LinkedHashMap<>();

  static {
    SUFFIXES.put("", BigDecimal.ONE);
    SUFFIXES.put("n", new BigDecimal("1e-9"));
    SUFFIXES.put("u", new BigDecimal("1e-6"));
    SUFFIXES.put("m", new BigDecimal("1e-3"));
    SUFFIXES.put("k", new BigDecimal("1e3"));
    SUFFIXES.put("M", new BigDecimal("1e6"));
    SUFFIXES.put("G", new BigDecimal("1e9"));
    SUFFIXES.put("T", new BigDecimal("1e12"));
    SUFFIXES.put("P", new BigDecimal("1e15"));
    SUFFIXES.put("E", new BigDecimal("1e18"));
    int power = 10;
    for (String binary : new String[] {"Ki", "Mi", "Gi", "Ti", "Pi", "Ei"}) {
      SUFFIXES.put(binary, BigDecimal.valueOf(1L << power));
      power += 10;
    }
  }

  private static final String EXPECTED =
      "expected a number with an optional suffix (n, u, m, k, M, G, T, P, E, Ki, Mi, Gi, Ti, Pi,"
          + " Ei) or exponent (e3)";

  /**
   * Parses the quantity syntax of the API server.
   *
   * @throws InvalidValueException naming what is wrong (no number, an unknown suffix) and the form
   *     expected
   */
  public static Quantity parse(String text) throws InvalidValueException {
    String value = text.strip();
    if (value.isEmpty()) {
      throw invalid(text, "it is empty");
    }
    Matcher m = FORM.matcher(value);
    if (!m.matches()) {
      throw invalid(text, "it does not start with a number");
    }
    BigDecimal number = new BigDecimal(m.group(1));
    String suffix = m.group(2);
    BigDecimal amount;
    if (EXPONENT.matcher(suffix).matches()) {
      amount = number.scaleByPowerOfTen(Integer.parseInt(suffix.substring(1)));
    } else if (SUFFIXES.containsKey(suffix)) {
      amount = number.multiply(SUFFIXES.get(suffix));
    } else {
      throw invalid(text, "unknown suffix '" + suffix + "'" + suggestion(suffix));
    }
    return new Quantity(value, amount.stripTrailingZeros());
  }

  /**
   * Reads a quantity from a manifest node: a string, or a YAML number (the API server accepts
   * {@code cpu: 2} and {@code cpu: 0.5}).
   *
   * @throws InvalidValueException for text that is not a quantity and for maps, lists and booleans
   */
  public static Quantity of(JsonNode node) throws InvalidValueException {
    if (node.isNumber()) {
      return parse(node.decimalValue().toPlainString());
    }
    if (!node.isTextual()) {
      throw new InvalidValueException(
          "expected a quantity such as 500m or 512Mi, found "
              + (node.isMissingNode()
                  ? "nothing"
                  : node.getNodeType().name().toLowerCase(Locale.ROOT)));
    }
    return parse(node.asText());
  }

  /**
   * The likely meant suffix for the usual slips: {@code mi} or {@code K}, and {@code MB} or {@code
   * mb}.
   */
  private static String suggestion(String suffix) {
    for (String known : SUFFIXES.keySet()) {
      if (!known.isEmpty() && known.equalsIgnoreCase(suffix)) {
        return " (suffixes are case-sensitive: did you mean '" + known + "'?)";
      }
    }
    String binary = suffix.isEmpty() ? "" : suffix.substring(0, 1).toUpperCase(Locale.ROOT) + "i";
    if (suffix.length() == 2
        && SUFFIXES.containsKey(binary)
        && (suffix.endsWith("B") || suffix.endsWith("b"))) {
      return " (did you mean '" + binary + "'?)";
    }
    return "";
  }

  private static InvalidValueException invalid(String text, String problem) {
    return new InvalidValueException(
        "'" + text + "' is not a quantity: " + problem + "; " + EXPECTED);
  }

  /**
   * CPU cores rounded up to a whole number, at least 1: what a runtime should treat as its CPUs.
   */
  public int wholeCoresAtLeastOne() {
    return Math.max(1, value.setScale(0, RoundingMode.CEILING).intValueExact());
  }

  public int compareTo(Quantity other) {
    return value.compareTo(other.value);
  }

  @Override
  public String toString() {
    return text;
  }
}
