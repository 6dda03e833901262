package dev.minato.load.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.util.concurrent.Promise;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The selector loop's own tasks and timers, whether it is polling before it sleeps or asleep in a
 * select: a task that another thread submits while the loop polls gets no selector wake-up (the
 * loop counts as awake), so the poll itself must see it.
 */
@Timeout(60)
class SelectorLoopTest {

  private final SelectorLoopGroup group = new SelectorLoopGroup(1, Thread::new);
  private final SelectorLoop loop = (SelectorLoop) group.next();

  @AfterEach
  void stop() {
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
  }

  @Test
  void tasksHandedOverOneAtATimeAllRunWhetherTheLoopPollsOrSleeps() throws Exception {
    // Each task is submitted only once the previous one ran, so the loop keeps running out of
    // work: with short gaps it polls, with longer ones it sleeps; either way none may be missed.
    AtomicInteger ran = new AtomicInteger();
    for (int i = 0; i < 5_000; i++) {
      Promise<Void> done = loop.newPromise();
      loop.execute(
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
      loop.submit(() -> {}).await(5, TimeUnit.SECONDS);
    }
    ScheduledFuture<String> timer = loop.schedule(() -> "fired", 2, TimeUnit.MILLISECONDS);

    assertThat(timer.get(5, TimeUnit.SECONDS)).isEqualTo("fired");
  }
}
