package dev.minato.manifest.duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.minato.manifest.InvalidValueException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class DurationsTest {

  @Test
  void readsEveryUnitKubectlReads() throws Exception {
    assertThat(Durations.parse("15ns")).isEqualTo(Duration.ofNanos(15));
    assertThat(Durations.parse("830us")).isEqualTo(Duration.ofNanos(830_000));
    assertThat(Durations.parse("830\u00b5s")).isEqualTo(Duration.ofNanos(830_000));
    assertThat(Durations.parse("250ms")).isEqualTo(Duration.ofMillis(250));
    assertThat(Durations.parse("90s")).isEqualTo(Duration.ofSeconds(90));
    assertThat(Durations.parse("5m")).isEqualTo(Duration.ofMinutes(5));
    assertThat(Durations.parse("2h")).isEqualTo(Duration.ofHours(2));
  }

  /** The cluster commands read only whole numbers and one unit; kubectl reads Go's syntax. */
  @Test
  void readsFractionsAndSequencesAsGoDoes() throws Exception {
    assertThat(Durations.parse("1.5s")).isEqualTo(Duration.ofMillis(1500));
    assertThat(Durations.parse("1h30m")).isEqualTo(Duration.ofMinutes(90));
    assertThat(Durations.parse("2m3.5s")).isEqualTo(Duration.ofMillis(123_500));
    assertThat(Durations.parse(".5s")).isEqualTo(Duration.ofMillis(500));
  }

  /** The load generator's reading refused a bare zero, which kubectl's --timeout=0 uses. */
  @Test
  void readsABareZero() throws Exception {
    assertThat(Durations.parse("0")).isZero();
    assertThat(Durations.parse("0s")).isZero();
  }

  @Test
  void isExactWhereDoublesRound() throws Exception {
    assertThat(Durations.parse("0.3s")).isEqualTo(Duration.ofMillis(300));
    assertThat(Durations.parse("1.000000001s")).isEqualTo(Duration.ofNanos(1_000_000_001));
  }

  @Test
  void saysWhichPartHasNoUnit() {
    assertThatThrownBy(() -> Durations.parse("30"))
        .isInstanceOf(InvalidValueException.class)
        .hasMessage(
            "'30' is not a duration: '30' has no unit; expected a number with a unit"
                + " (ns, us, ms, s, m, h), like 250ms, 30s or 1h30m");
    assertThatThrownBy(() -> Durations.parse("1h30")).hasMessageContaining("'30' has no unit");
  }

  @Test
  void namesAnUnknownUnit() {
    assertThatThrownBy(() -> Durations.parse("2d")).hasMessageContaining("unknown unit 'd'");
    assertThatThrownBy(() -> Durations.parse("5 s")).hasMessageContaining("unknown unit ' s'");
  }

  @Test
  void refusesSignsAndMissingNumbers() {
    assertThatThrownBy(() -> Durations.parse("-5s")).hasMessageContaining("a duration has no sign");
    assertThatThrownBy(() -> Durations.parse("ms")).hasMessageContaining("'ms' has no number");
    assertThatThrownBy(() -> Durations.parse("")).hasMessageContaining("it is empty");
    assertThatThrownBy(() -> Durations.parse("1..5s")).hasMessageContaining("'1.' has no unit");
  }

  @Test
  void refusesWhatJavaCannotHold() {
    assertThatThrownBy(() -> Durations.parse("9999999h"))
        .hasMessageContaining("longer than 292 years");
  }
}
