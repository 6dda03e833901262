package dev.minato.load.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.EventLoop;
import io.netty.util.concurrent.Promise;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What an event loop that polls before it sleeps ({@link PollBeforeSleep}) must still do with its
 * own tasks and timers, whether it is polling or asleep: a task that another thread submits while
 * the loop polls gets no wake-up (the loop counts as awake), so the loop must still find it.
 */
@Timeout(60)
abstract class PollingLoopContract {

  /** The loop under test, one thread, started by the test class and stopped after each test. */
  abstract EventLoop loop();

  @Test
  void tasksHandedOverOneAtATimeAllRunWhetherTheLoopPollsOrSleeps() throws Exception {
    // Each task is submitted only once the previous one ran, so the loop keeps running out of
    // work: with short gaps it polls, with longer ones it sleeps; either way none may be missed.
    AtomicInteger ran = new AtomicInteger();
    for (int i = 0; i < 5_000; i++) {
      Promise<Void> done = loop().newPromise();
      loop()
          .execute(
              () -> {
                ran.incrementAndGet();
                done.setSuccess(null);
              });
      assertThat(done.await(5, TimeUnit.SECONDS)).as("task %d ran", i).isTrue();
      if (i % 1_000 == 999) {
        // A longer gap now and then, so that the loop also goes to sleep between tasks.
        Thread.sleep(5);
      }
    }

    assertThat(ran).hasValue(5_000);
  }

  @Test
  void aTimerFiresAfterTheLoopHasBeenPollingForTasks() throws Exception {
    for (int i = 0; i < 1_000; i++) {
      loop().submit(() -> {}).await(5, TimeUnit.SECONDS);
    }
    ScheduledFuture<String> timer = loop().schedule(() -> "fired", 2, TimeUnit.MILLISECONDS);

    assertThat(timer.get(5, TimeUnit.SECONDS)).isEqualTo("fired");
  }
}
