package dev.minato.load.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;
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

  /** A clock that moves on 1 µs each time it is read, as time passes while a poll yields. */
  private static LongSupplier ticking() {
    long[] now = {1_000_000L};
    return () -> now[0] += 1_000L;
  }

  /** A look that finds nothing and notes when it was made. */
  private static PollBeforeSleep.Attempt<RuntimeException> lookingAt(
      List<Long> looks, LongSupplier clock) {
    return () -> {
      looks.add(clock.getAsLong());
      return 0;
    };
  }

  @Test
  void withoutAnIntervalTheFirstLookComesAtOnceAndTheNextAfterEachYield() {
    LongSupplier clock = ticking();
    List<Long> looks = new ArrayList<>();
    long start = clock.getAsLong();

    int found = poll.poll(lookingAt(looks, clock), clock);

    assertThat(found).isZero();
    // Only the clock's own reads (1 µs each) come between: no interval is waited.
    assertThat(looks.get(0) - start).isLessThanOrEqualTo(3_000L);
    assertThat(looks.size()).isGreaterThan(5);
    assertThat(poll.shouldPoll()).as("a poll that found nothing").isFalse();
  }

  @Test
  void withAnIntervalLooksComeThatFarApartTheFirstToo() {
    PollBeforeSleep spaced = new PollBeforeSleep(30_000L, 10_000L);
    LongSupplier clock = ticking();
    List<Long> looks = new ArrayList<>();
    long start = clock.getAsLong();

    int found = spaced.poll(lookingAt(looks, clock), clock);

    assertThat(found).isZero();
    assertThat(looks).hasSizeBetween(2, 3);
    assertThat(looks.get(0) - start).isGreaterThanOrEqualTo(10_000L);
    for (int i = 1; i < looks.size(); i++) {
      assertThat(looks.get(i) - looks.get(i - 1)).isGreaterThanOrEqualTo(10_000L);
    }
    assertThat(looks.get(looks.size() - 1) - start).isLessThanOrEqualTo(30_000L + 10_000L);
  }

  @Test
  void aLookThatFindsWorkEndsThePollWithItsCountAndPollingStaysOn() {
    PollBeforeSleep spaced = new PollBeforeSleep(30_000L, 10_000L);
    int[] looks = {0};

    int found = spaced.poll(() -> ++looks[0] == 2 ? 3 : 0, ticking());

    assertThat(found).isEqualTo(3);
    assertThat(looks[0]).isEqualTo(2);
    assertThat(spaced.shouldPoll()).isTrue();
  }

  @Test
  void theEpollLoopLooksEvery10MicrosecondsAndTheSelectorLoopAsOftenAsItCan() {
    assertThat(PollBeforeSleep.EPOLL_LOOP_LOOK_INTERVAL_NANOS).isEqualTo(10_000L);
    assertThat(new PollBeforeSleep(PollBeforeSleep.SELECTOR_LOOP_BUDGET_NANOS).lookIntervalNanos())
        .isZero();
  }

  @Test
  void theIntervalIsAtLeastZeroAndLessThanTheBudget() {
    assertThatThrownBy(() -> new PollBeforeSleep(30_000L, -1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("less than the budget");
    assertThatThrownBy(() -> new PollBeforeSleep(30_000L, 30_000L))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("less than the budget");
  }

  @Test
  void theBudgetIsWhatItWasGivenAndMustBePositive() {
    assertThat(poll.budgetNanos()).isEqualTo(30_000L);
    assertThatThrownBy(() -> new PollBeforeSleep(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("positive");
  }
}
