package dev.minato.shadow.rules;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NoiseRuleTest {

  final NoiseRule rule = NoiseRule.DEFAULT;

  @Test
  void aFieldThatNeverDifferedIsNoFinding() {
    assertThat(rule.isRegression(0, 100, 0, 100)).isFalse();
  }

  @Test
  void aFieldTheOldCopiesAgreeOnIsARegression() {
    assertThat(rule.isRegression(1, 100, 0, 100)).isTrue();
  }

  @Test
  void aFieldTheOldCopiesDisagreeOnAsOftenIsNoise() {
    assertThat(rule.isRegression(100, 100, 100, 100)).isFalse();
    assertThat(rule.isRegression(50, 100, 70, 100)).isFalse();
  }

  @Test
  void exactlyFourFifthsOfTheCandidatesRateIsStillNoise() {
    assertThat(rule.isRegression(50, 100, 40, 100)).isFalse();
    assertThat(rule.isRegression(50, 100, 39, 100)).isTrue();
  }

  @Test
  void ratesAreComparedNotCountsWhenTheSamplesDiffer() {
    // 10 of 100 against 1 of 10: the same rate, so noise.
    assertThat(rule.isRegression(10, 100, 1, 10)).isFalse();
  }

  @Test
  void withoutAnySecondaryAnswerEveryDifferenceIsARegression() {
    assertThat(rule.isRegression(100, 100, 0, 0)).isTrue();
  }

  @Test
  void theAbsoluteThresholdHidesRareExcess() {
    NoiseRule rare = new NoiseRule(0.2, 0.05);
    assertThat(rare.isRegression(4, 100, 0, 100)).isFalse();
    assertThat(rare.isRegression(5, 100, 0, 100)).isTrue();
  }
}
