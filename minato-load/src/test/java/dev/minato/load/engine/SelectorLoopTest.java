package dev.minato.load.engine;

import io.netty.channel.EventLoop;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;

/** The selector loop's own tasks and timers, whether it is polling before it sleeps or asleep. */
class SelectorLoopTest extends PollingLoopContract {

  private final SelectorLoopGroup group = new SelectorLoopGroup(1, Thread::new);

  @Override
  EventLoop loop() {
    return group.next();
  }

  @AfterEach
  void stop() {
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
  }
}
