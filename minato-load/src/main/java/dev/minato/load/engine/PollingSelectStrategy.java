package dev.minato.load.engine;

import io.netty.channel.SelectStrategy;
import io.netty.channel.SelectStrategyFactory;
import io.netty.util.IntSupplier;
import java.util.function.LongSupplier;

/**
 * Makes Netty's epoll loop poll before it sleeps, as the {@link SelectorLoop} does, by the same
 * adaptive rule ({@link PollBeforeSleep}): for the closed model over HTTP/2 and TLS (see {@link
 * Transport}), where against a saturated server the next response is seldom more than a few tens of
 * microseconds away and a sleeping loop makes the server pay for waking it.
 *
 * <p>How Netty's epoll loop (4.1.118) uses the answer: a count of zero or more is the number of
 * events that the last {@code selectNow} left in the loop's event array, which it then handles and
 * runs its tasks; {@link SelectStrategy#SELECT} makes it block in {@code epoll_wait} until an
 * event, a timer or a task submitted from another thread. So a poll returns as soon as one {@code
 * selectNow} reports events, with that call's count: an earlier call that found nothing left
 * nothing to handle, and none is lost or handled twice.
 *
 * <p>What a poll cannot see: a task submitted from another thread while it polls does not wake it
 * (the loop counts as awake then) and a timer due meanwhile does not end it, so either waits until
 * the poll ends, at most one budget (30 µs); the loop then runs it before it would sleep. In the
 * closed model such tasks are only a run's start and end, and its timers are timeouts.
 *
 * <p>The loop's sleep is not visible here, only the time from answering {@code SELECT} to the next
 * call, which adds the handling of what woke it; that counts as the sleep for the adaptive rule, so
 * polling turns on only when sleep and handling together fit in a poll.
 */
final class PollingSelectStrategy implements SelectStrategy {

  /** One strategy per loop, as each keeps its own loop's state. */
  static final SelectStrategyFactory FACTORY =
      () ->
          new PollingSelectStrategy(
              new PollBeforeSleep(
                  PollBeforeSleep.DEFAULT_BUDGET_NANOS,
                  PollBeforeSleep.EPOLL_LOOP_LOOK_INTERVAL_NANOS),
              System::nanoTime);

  // selectSaidAt's value while the loop is not between a SELECT answer and the next call.
  private static final long NOT_ASLEEP = Long.MIN_VALUE;

  private final PollBeforeSleep poll;
  private final LongSupplier clock;
  // When this strategy last answered SELECT, until the loop asks again.
  private long selectSaidAt = NOT_ASLEEP;

  PollingSelectStrategy(PollBeforeSleep poll, LongSupplier clock) {
    this.poll = poll;
    this.clock = clock;
  }

  @Override
  public int calculateStrategy(IntSupplier selectNow, boolean hasTasks) throws Exception {
    if (selectSaidAt != NOT_ASLEEP) {
      poll.slept(clock.getAsLong() - selectSaidAt);
      selectSaidAt = NOT_ASLEEP;
    }
    if (hasTasks) {
      // As Netty's default strategy: the tasks must run, so look for events without waiting.
      return selectNow.get();
    }
    if (poll.shouldPoll()) {
      int ready = poll.poll(selectNow::get, clock);
      if (ready > 0) {
        return ready;
      }
    }
    selectSaidAt = clock.getAsLong();
    return SelectStrategy.SELECT;
  }
}
