package dev.minato.load.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PollBeforeSleepTest {

  private final PollBeforeSleep poll = new PollBeforeSleep(30_000L);

  @Test
  void aNewLoopSleepsFirstAndLetsThatSleepDecide() {
    assertThat(poll.shouldPoll()).isFalse();
  }

  @Test
  void aSleepNoLongerThanAPollTurnsPollingOn() {
    poll.slept(30_000L);

    assertThat(poll.shouldPoll()).isTrue();
  }

  @Test
  void aSleepLongerThanAPollTurnsPollingOff() {
    poll.slept(10_000L);
    poll.slept(30_001L);

    assertThat(poll.shouldPoll()).isFalse();
  }

  @Test
  void pollingGoesOnWhilePollsFindWork() {
    poll.slept(5_000L);
    poll.polled(true);
    poll.polled(true);

    assertThat(poll.shouldPoll()).isTrue();
  }

  @Test
  void aPollThatFindsNothingTurnsPollingOffUntilASleepIsShortAgain() {
    poll.slept(5_000L);
    poll.polled(false);

    assertThat(poll.shouldPoll()).isFalse();

    poll.slept(1_000_000L);
    assertThat(poll.shouldPoll()).isFalse();

    poll.slept(20_000L);
    assertThat(poll.shouldPoll()).isTrue();
  }

  @Test
  void theSelectorLoopPollsThroughGapsOfAFewHundredMicrosecondsWhereTheDefaultSleeps() {
    // Two loops sharing a saturated server see their responses in bursts a few hundred µs apart.
    PollBeforeSleep selectorLoop = new PollBeforeSleep(PollBeforeSleep.SELECTOR_LOOP_BUDGET_NANOS);
    PollBeforeSleep epollLoop = new PollBeforeSleep(PollBeforeSleep.DEFAULT_BUDGET_NANOS);

    selectorLoop.slept(250_000L);
    epollLoop.slept(250_000L);

    assertThat(selectorLoop.shouldPoll()).isTrue();
    assertThat(epollLoop.shouldPoll()).isFalse();

    // A server slower than that still gets a loop that sleeps at once.
    selectorLoop.slept(1_000_000L);
    assertThat(selectorLoop.shouldPoll()).isFalse();
  }

  @Test
  void theBudgetIsWhatItWasGivenAndMustBePositive() {
    assertThat(poll.budgetNanos()).isEqualTo(30_000L);
    assertThatThrownBy(() -> new PollBeforeSleep(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("positive");
  }
}
