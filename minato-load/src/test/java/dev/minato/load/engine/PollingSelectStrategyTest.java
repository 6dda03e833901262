package dev.minato.load.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.SelectStrategy;
import io.netty.util.IntSupplier;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Queue;
import org.junit.jupiter.api.Test;

/**
 * What the strategy tells Netty's epoll loop, on a clock of the test's own: each {@code selectNow}
 * takes 5 µs, and the loop's sleeps last what the test says.
 */
class PollingSelectStrategyTest {

  private static final long POLL_NANOS = 5_000L;

  private long now = 1_000_000L;
  private final PollingSelectStrategy strategy =
      new PollingSelectStrategy(new PollBeforeSleep(30_000L), () -> now);

  /** A {@code selectNow} that reports the given counts, then 0, and counts its calls. */
  private final class Epoll implements IntSupplier {
    private final Queue<Integer> counts;
    private int calls;

    Epoll(Integer... counts) {
      this.counts = new ArrayDeque<>(List.of(counts));
    }

    @Override
    public int get() {
      calls++;
      now += POLL_NANOS;
      Integer count = counts.poll();
      return count == null ? 0 : count;
    }
  }

  /** The loop asked, was told to sleep, and slept {@code nanos}. */
  private void sleep(long nanos) throws Exception {
    assertThat(strategy.calculateStrategy(new Epoll(), false)).isEqualTo(SelectStrategy.SELECT);
    now += nanos;
  }

  @Test
  void aNewLoopSleepsWithoutPolling() throws Exception {
    Epoll epoll = new Epoll(1);

    assertThat(strategy.calculateStrategy(epoll, false)).isEqualTo(SelectStrategy.SELECT);
    assertThat(epoll.calls).isZero();
  }

  @Test
  void aLoopWithTasksLooksOnceWithoutWaiting() throws Exception {
    Epoll epoll = new Epoll(0);

    assertThat(strategy.calculateStrategy(epoll, true)).isZero();
    assertThat(epoll.calls).isEqualTo(1);
  }

  @Test
  void afterAShortSleepItPollsAndAnswersTheCountOfTheCallThatFoundEvents() throws Exception {
    sleep(10_000L);
    Epoll epoll = new Epoll(0, 0, 3, 7);

    // Netty handles the events the last selectNow left: that call's count, and no further call.
    assertThat(strategy.calculateStrategy(epoll, false)).isEqualTo(3);
    assertThat(epoll.calls).isEqualTo(3);
  }

  @Test
  void aPollThatFindsNothingSleepsOnceItsBudgetIsSpent() throws Exception {
    sleep(10_000L);
    Epoll epoll = new Epoll();

    assertThat(strategy.calculateStrategy(epoll, false)).isEqualTo(SelectStrategy.SELECT);
    assertThat(epoll.calls).as("30 µs of 5 µs polls").isEqualTo(6);
  }

  @Test
  void afterAFruitlessPollOnlyAShortSleepTurnsPollingBackOn() throws Exception {
    sleep(10_000L);
    assertThat(strategy.calculateStrategy(new Epoll(), false)).isEqualTo(SelectStrategy.SELECT);
    now += 1_000_000L;
    Epoll afterLongSleep = new Epoll(2);

    assertThat(strategy.calculateStrategy(afterLongSleep, false)).isEqualTo(SelectStrategy.SELECT);
    assertThat(afterLongSleep.calls).isZero();

    now += 20_000L;
    Epoll afterShortSleep = new Epoll(2);
    assertThat(strategy.calculateStrategy(afterShortSleep, false)).isEqualTo(2);
    assertThat(afterShortSleep.calls).isEqualTo(1);
  }

  @Test
  void afterASleepLongerThanAPollItSleepsAtOnce() throws Exception {
    sleep(10_000L);
    assertThat(strategy.calculateStrategy(new Epoll(1), false)).isEqualTo(1);
    sleep(200_000L);
    Epoll epoll = new Epoll(1);

    assertThat(strategy.calculateStrategy(epoll, false)).isEqualTo(SelectStrategy.SELECT);
    assertThat(epoll.calls).isZero();
  }

  @Test
  void pollingGoesOnWhileEventsComeWithinAPoll() throws Exception {
    sleep(10_000L);
    for (int i = 0; i < 5; i++) {
      Epoll epoll = new Epoll(0, 0, 0, 1);

      assertThat(strategy.calculateStrategy(epoll, false)).isEqualTo(1);
      assertThat(epoll.calls).isEqualTo(4);
    }
  }
}
