package dev.minato.manifest.duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.minato.manifest.InvalidValueException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class PrometheusDurationsTest {

  @Test
  void readsDaysWeeksAndCombinedUnitsLargestFirst() throws InvalidValueException {
    assertThat(PrometheusDurations.parse("30d")).isEqualTo(Duration.ofDays(30));
    assertThat(PrometheusDurations.parse("4w")).isEqualTo(Duration.ofDays(28));
    assertThat(PrometheusDurations.parse("1h30m")).isEqualTo(Duration.ofMinutes(90));
    assertThat(PrometheusDurations.parse("250ms")).isEqualTo(Duration.ofMillis(250));
  }

  @Test
  void refusesFractionsWhichPrometheusCannotRead() {
    assertThatThrownBy(() -> PrometheusDurations.parse("1.5h"))
        .isInstanceOf(InvalidValueException.class)
        .hasMessageContaining("no fractions");
  }

  @Test
  void refusesUnitsOutOfOrderUnknownUnitsAndZero() {
    assertThatThrownBy(() -> PrometheusDurations.parse("30m1h")).hasMessageContaining("largest");
    assertThatThrownBy(() -> PrometheusDurations.parse("3 days"))
        .hasMessageContaining("unexpected");
    assertThatThrownBy(() -> PrometheusDurations.parse("0d")).hasMessageContaining("zero");
  }
}
