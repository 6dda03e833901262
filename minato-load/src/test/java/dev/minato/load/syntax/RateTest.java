package dev.minato.load.syntax;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RateTest {

  @ParameterizedTest(name = "{0} is {1}/s")
  @CsvSource({"500/s, 500", "3000/m, 50", "10/ms, 10000", "2.5, 2.5", "1e9/s, 1e9", "1.5E3/m, 25"})
  void readsANumberWithAnOptionalUnit(String text, double perSecond) {
    assertThat(Rate.parse(text))
        .hasValueSatisfying(r -> assertThat(r.perSecond()).isEqualTo(perSecond));
  }

  @Test
  void aNumberTooLargeForADoubleIsNoRateRatherThanAnInternalError() {
    // The absurd rate is written 1e9/s; beyond a double's range the text names no rate.
    assertThat(Rate.parse("1e999/s")).isEmpty();
    assertThat(Rate.parse("1" + "0".repeat(400) + "/s")).isEmpty();
  }
}
