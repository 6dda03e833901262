package dev.minato.shadow.upstream;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.EventLoop;
import java.util.ArrayDeque;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The keep-alive connections to one upstream on one event loop. Touched only on that loop (calls
 * from elsewhere hop onto it), so taking and giving back a connection is a deque operation: no
 * lock, no promise, no health-check future, no timer per request. Bounded in connections and in
 * acquirers waiting for one; waiters are served first come, first served, and those that wait too
 * long fail, checked by one timer for the whole queue.
 */
final class LoopPool {

  /** Hears whether a connection was had. Called on the pool's loop, exactly once. */
  interface Acquirer {
    void acquired(Channel channel);

    void failed(String kind, String detail);
  }

  private record Waiter(Acquirer acquirer, long sinceNanos) {}

  private final EventLoop loop;
  private final Bootstrap bootstrap;
  private final int maxConnections;
  private final int maxWaiting;
  private final long waitNanos;

  /** Idle connections, the most recently used last: taken from the end, so hot ones stay hot. */
  private final ArrayDeque<Channel> idle = new ArrayDeque<>();

  private final ArrayDeque<Waiter> waiting = new ArrayDeque<>();
  private int open;
  private ScheduledFuture<?> waitTimer;
  private boolean closed;

  LoopPool(
      EventLoop loop, Bootstrap bootstrap, int maxConnections, int maxWaiting, long waitNanos) {
    this.loop = loop;
    this.bootstrap = bootstrap;
    this.maxConnections = maxConnections;
    this.maxWaiting = maxWaiting;
    this.waitNanos = waitNanos;
  }

  EventLoop loop() {
    return loop;
  }

  /**
   * True when a request would get a connection at once, idle or newly opened, without waiting.
   * Meaningful on the pool's loop only.
   */
  boolean hasRoom() {
    return !closed && (!idle.isEmpty() || open < maxConnections);
  }

  void acquire(Acquirer acquirer) {
    if (!loop.inEventLoop()) {
      loop.execute(() -> acquire(acquirer));
      return;
    }
    if (closed) {
      acquirer.failed(FailureKind.ERROR, "the proxy is shutting down");
      return;
    }
    Channel channel;
    while ((channel = idle.pollLast()) != null) {
      if (channel.isActive()) {
        acquirer.acquired(channel);
        return;
      }
    }
    if (open < maxConnections) {
      connect(acquirer);
    } else if (waiting.size() >= maxWaiting) {
      acquirer.failed(
          FailureKind.OVERLOADED,
          "all " + maxConnections + " connections busy and " + maxWaiting + " requests waiting");
    } else {
      waiting.add(new Waiter(acquirer, System.nanoTime()));
      if (waitTimer == null) {
        waitTimer = loop.schedule(this::expireWaiters, waitNanos, TimeUnit.NANOSECONDS);
      }
    }
  }

  /** Gives a connection back after a response; a closed one is only forgotten. */
  void release(Channel channel) {
    if (!channel.isActive() || closed) {
      channel.close();
      return;
    }
    Waiter next = nextInTime();
    if (next != null) {
      next.acquirer().acquired(channel);
    } else {
      idle.addLast(channel);
    }
  }

  private void connect(Acquirer acquirer) {
    open++;
    ChannelFuture connecting = bootstrap.connect();
    Channel channel = connecting.channel();
    channel.closeFuture().addListener(done -> forget(channel));
    connecting.addListener(
        done -> {
          if (done.isSuccess()) {
            acquirer.acquired(channel);
          } else {
            acquirer.failed(FailureKind.of(done.cause()), FailureKind.detail(done.cause()));
          }
        });
  }

  /** A connection closed (by either side, in use or idle): its place goes to a waiter. */
  private void forget(Channel channel) {
    open--;
    idle.remove(channel);
    if (!closed && open < maxConnections) {
      Waiter next = nextInTime();
      if (next != null) {
        connect(next.acquirer());
      }
    }
  }

  /**
   * The first waiter still within its wait, failing those past it: the timer that expires waiters
   * can run after a connection frees, and a request that waited out its time must fail as such
   * rather than be sent late.
   */
  private Waiter nextInTime() {
    failExpired(System.nanoTime());
    return waiting.poll();
  }

  private void failExpired(long now) {
    Waiter head;
    while ((head = waiting.peek()) != null && now - head.sinceNanos() >= waitNanos) {
      waiting.poll();
      head.acquirer()
          .failed(
              FailureKind.TIMEOUT,
              "no connection free within " + TimeUnit.NANOSECONDS.toMillis(waitNanos) + " ms");
    }
  }

  private void expireWaiters() {
    waitTimer = null;
    long now = System.nanoTime();
    failExpired(now);
    Waiter head = waiting.peek();
    if (head != null) {
      waitTimer =
          loop.schedule(
              this::expireWaiters, waitNanos - (now - head.sinceNanos()), TimeUnit.NANOSECONDS);
    }
  }

  /** Closes every connection and fails the waiters; later acquires fail at once. */
  void close() {
    if (!loop.inEventLoop()) {
      if (!loop.isShuttingDown()) {
        loop.submit(this::close).awaitUninterruptibly(2, TimeUnit.SECONDS);
      }
      return;
    }
    closed = true;
    if (waitTimer != null) {
      waitTimer.cancel(false);
    }
    Waiter waiter;
    while ((waiter = waiting.poll()) != null) {
      waiter.acquirer().failed(FailureKind.ERROR, "the proxy is shutting down");
    }
    Channel channel;
    while ((channel = idle.poll()) != null) {
      channel.close();
    }
  }
}
