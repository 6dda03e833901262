package dev.minato.load.engine;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.netty.channel.EventLoop;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * Netty's epoll loop with {@link PollingSelectStrategy}: its tasks and timers, whether it polls or
 * sleeps. A task submitted while it polls waits for the poll's end, then runs before the loop would
 * sleep. (Its sockets' events: the HTTP/2 and TLS load tests, whose closed runs use it.)
 */
class PollingEpollLoopTest extends PollingLoopContract {

  private EpollEventLoopGroup group;

  @BeforeEach
  void start() {
    assumeTrue(Epoll.isAvailable(), "Linux's native epoll");
    group =
        new EpollEventLoopGroup(
            1, new DefaultThreadFactory("polling-epoll-test", true), PollingSelectStrategy.FACTORY);
  }

  @Override
  EventLoop loop() {
    return group.next();
  }

  @AfterEach
  void stop() {
    if (group != null) {
      group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }
  }
}
