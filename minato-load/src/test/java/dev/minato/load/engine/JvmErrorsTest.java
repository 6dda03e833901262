package dev.minato.load.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.EventLoop;
import io.netty.channel.nio.NioEventLoopGroup;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class JvmErrorsTest {

  private final AtomicReference<Throwable> uncaught = new AtomicReference<>();
  private NioEventLoopGroup group;
  private EventLoop loop;

  @BeforeEach
  void start() {
    // A loop whose thread reports to this test, as the command line's handler reports to the user.
    // The engine's transports run tasks through Netty's safeExecute, as NIO's loop does here.
    group =
        new NioEventLoopGroup(
            1,
            task -> {
              Thread thread = new Thread(task, "test-loop");
              thread.setUncaughtExceptionHandler((t, e) -> uncaught.set(e));
              return thread;
            });
    loop = group.next();
  }

  @AfterEach
  void stop() {
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
  }

  @Test
  void nettySwallowsAnOutOfMemoryErrorOfAnUnguardedTask() throws Exception {
    loop.execute(
        () -> {
          throw new OutOfMemoryError("test");
        });
    settle();
    assertThat(uncaught.get()).isNull();
  }

  @Test
  void aGuardedTaskHandsOutOfMemoryToTheThreadsHandler() throws Exception {
    loop.execute(
        JvmErrors.guard(
            () -> {
              throw new OutOfMemoryError("test");
            }));
    settle();
    assertThat(uncaught.get()).isInstanceOf(OutOfMemoryError.class).hasMessage("test");
  }

  @Test
  void aGuardedListenerHandsOutOfMemoryToTheThreadsHandler() throws Exception {
    loop.newSucceededFuture(null)
        .addListener(
            JvmErrors.guard(
                f -> {
                  throw new OutOfMemoryError("listener");
                }));
    settle();
    assertThat(uncaught.get()).hasMessage("listener");
  }

  @Test
  void ordinaryFailuresAreNotEscalated() throws Exception {
    loop.execute(
        JvmErrors.guard(
            () -> {
              throw new IllegalStateException("a bug, logged by Netty");
            }));
    loop.execute(() -> JvmErrors.escalateIfFatal(new java.io.IOException("reset by peer")));
    loop.execute(
        () -> JvmErrors.escalateIfFatal(new RuntimeException(new OutOfMemoryError("wrapped"))));
    settle();
    assertThat(uncaught.get()).hasMessage("wrapped");
  }

  /** Waits until every task queued so far has run. */
  private void settle() throws Exception {
    CompletableFuture<Void> done = new CompletableFuture<>();
    loop.execute(() -> done.complete(null));
    done.get(5, TimeUnit.SECONDS);
  }
}
