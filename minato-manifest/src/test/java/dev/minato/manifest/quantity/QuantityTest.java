package dev.minato.manifest.quantity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.minato.manifest.InvalidValueException;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class QuantityTest {

  private static BigDecimal value(String text) throws InvalidValueException {
    return Quantity.parse(text).value();
  }

  @Test
  void readsDecimalSuffixesAsPowersOfTen() throws Exception {
    assertThat(value("500m")).isEqualByComparingTo("0.5");
    assertThat(value("250u")).isEqualByComparingTo("0.00025");
    assertThat(value("100n")).isEqualByComparingTo("0.0000001");
    assertThat(value("2k")).isEqualByComparingTo("2000");
    assertThat(value("1M")).isEqualByComparingTo("1000000");
    assertThat(value("1E")).isEqualByComparingTo("1e18");
  }

  @Test
  void readsBinarySuffixesAsPowersOfTwo() throws Exception {
    assertThat(value("1Ki")).isEqualByComparingTo("1024");
    assertThat(value("512Mi")).isEqualByComparingTo("536870912");
    assertThat(value("1.5Gi")).isEqualByComparingTo("1610612736");
    assertThat(value("1Ei")).isEqualByComparingTo(BigDecimal.valueOf(1L << 60));
  }

  @Test
  void readsExponentsAndTheNumberFormsOfTheApiServer() throws Exception {
    assertThat(value("1e3")).isEqualByComparingTo("1000");
    assertThat(value("15E-1")).isEqualByComparingTo("1.5");
    assertThat(value(".5")).isEqualByComparingTo("0.5");
    assertThat(value("5.")).isEqualByComparingTo("5");
  }

  /** The checker used to reject a sign, as the spec did; the API server accepts one. */
  @Test
  void acceptsASignAsTheApiServerDoes() throws Exception {
    assertThat(value("+1")).isEqualByComparingTo("1");
    assertThat(value("-500m")).isEqualByComparingTo("-0.5");
  }

  /** The checker's reading took {@code 1e3m} as one core; the API server rejects it. */
  @Test
  void rejectsAnExponentFollowedByASuffix() {
    assertThatThrownBy(() -> Quantity.parse("1e3m"))
        .isInstanceOf(InvalidValueException.class)
        .hasMessageStartingWith("'1e3m' is not a quantity: unknown suffix 'e3m'");
  }

  @Test
  void keepsTheTextAsWritten() throws Exception {
    assertThat(Quantity.parse(" 512Mi ").text()).isEqualTo("512Mi");
    assertThat(Quantity.parse("512Mi")).hasToString("512Mi");
  }

  @Test
  void namesAnUnknownSuffixAndWhatWasExpected() {
    assertThatThrownBy(() -> Quantity.parse("2x"))
        .hasMessage(
            "'2x' is not a quantity: unknown suffix 'x'; expected a number with an optional suffix"
                + " (n, u, m, k, M, G, T, P, E, Ki, Mi, Gi, Ti, Pi, Ei) or exponent (e3)");
  }

  @Test
  void suggestsTheSuffixMeantForCommonSlips() {
    assertThatThrownBy(() -> Quantity.parse("512mi")).hasMessageContaining("did you mean 'Mi'?");
    assertThatThrownBy(() -> Quantity.parse("1K")).hasMessageContaining("did you mean 'k'?");
    assertThatThrownBy(() -> Quantity.parse("512MB")).hasMessageContaining("did you mean 'Mi'?");
    assertThatThrownBy(() -> Quantity.parse("2gb")).hasMessageContaining("did you mean 'Gi'?");
  }

  @Test
  void saysWhenThereIsNoNumber() {
    assertThatThrownBy(() -> Quantity.parse("two"))
        .hasMessageContaining("does not start with a number");
    assertThatThrownBy(() -> Quantity.parse("."))
        .hasMessageContaining("does not start with a number");
    assertThatThrownBy(() -> Quantity.parse(" ")).hasMessageContaining("it is empty");
  }

  @Test
  void readsYamlNumbersAsQuantitiesWithoutSuffix() throws Exception {
    JsonNodeFactory nodes = JsonNodeFactory.instance;
    assertThat(Quantity.of(nodes.numberNode(2)).value()).isEqualByComparingTo("2");
    assertThat(Quantity.of(nodes.numberNode(0.5)).value()).isEqualByComparingTo("0.5");
    assertThat(Quantity.of(nodes.textNode("250m")).value()).isEqualByComparingTo("0.25");
    assertThatThrownBy(() -> Quantity.of(nodes.booleanNode(true)))
        .hasMessage("expected a quantity such as 500m or 512Mi, found boolean");
  }

  @Test
  void roundsCoresUpToAWholeCpuAtLeastOne() throws Exception {
    assertThat(Quantity.parse("100m").wholeCoresAtLeastOne()).isEqualTo(1);
    assertThat(Quantity.parse("1500m").wholeCoresAtLeastOne()).isEqualTo(2);
  }
}
