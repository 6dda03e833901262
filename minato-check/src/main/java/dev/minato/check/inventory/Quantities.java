package dev.minato.check.inventory;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.Optional;

/** Reading Kubernetes resource quantities where the checker needs numbers (CPU in cores). */
public final class Quantities {

  private Quantities() {}

  /**
   * A CPU quantity in cores: {@code 500m} is 0.5, {@code 2} is 2, {@code 1.5} is 1.5. Empty when
   * the text is not a quantity, so a rule can skip arithmetic rather than guess.
   */
  public static Optional<BigDecimal> cores(JsonNode quantity) {
    if (quantity.isNumber()) {
      return Optional.of(quantity.decimalValue());
    }
    if (!quantity.isTextual()) {
      return Optional.empty();
    }
    String text = quantity.asText().strip();
    BigDecimal scale = BigDecimal.ONE;
    if (text.endsWith("m")) {
      scale = new BigDecimal("0.001");
    } else if (text.endsWith("u")) {
      scale = new BigDecimal("0.000001");
    } else if (text.endsWith("n")) {
      scale = new BigDecimal("0.000000001");
    } else if (text.endsWith("k")) {
      scale = new BigDecimal("1000");
    }
    String number = scale.equals(BigDecimal.ONE) ? text : text.substring(0, text.length() - 1);
    try {
      return Optional.of(new BigDecimal(number).multiply(scale));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  /** Whole seconds from a number or a numeric string; empty for anything else. */
  public static Optional<Integer> integer(JsonNode node) {
    if (node.isIntegralNumber()) {
      return Optional.of(node.intValue());
    }
    if (node.isTextual()) {
      try {
        return Optional.of(Integer.parseInt(node.asText().strip()));
      } catch (NumberFormatException e) {
        return Optional.empty();
      }
    }
    return Optional.empty();
  }
}
