package dev.minato.load.engine;

import dev.minato.load.stats.FailureKind;
import dev.minato.load.stats.LiveRecorder;
import dev.minato.load.stats.Series;
import dev.minato.load.syntax.DurationFormat;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.concurrent.Promise;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The connections of one event loop and the requests waiting for one. Requests are handed over with
 * their intended send time; if no idle connection is at hand, a new one is opened up to the loop's
 * limit, and beyond it the request waits, its latency clock already running.
 *
 * <p>Every method runs on {@link #loop()}, so nothing here needs locks.
 */
final class LoopWorker {

  /** What happens after each request ends (the closed model sends the user's next request). */
  interface Completion {
    void done(LoopWorker worker, Series outcome);
  }

  private record Waiting(int template, long intendedNanos) {}

  private final EventLoop loop;
  private final Bootstrap bootstrap;
  private final InetSocketAddress remote;
  private final WireRequest[] requests;
  private final LiveRecorder recorder;
  private final RunControl control;
  private final Completion completion;
  private final int maxConnections;
  private final long timeoutNanos;
  private final int maxWaiting;

  private final ArrayDeque<Connection> idle = new ArrayDeque<>();
  private final ArrayDeque<Waiting> waiting = new ArrayDeque<>();
  private final List<Connection> connections = new ArrayList<>();
  private int opening;
  private ScheduledFuture<?> sweeper;
  // Why the last connection of this loop could not be opened, for the request that waited on it.
  private Throwable connectFailure;
  private final String noResponse;
  private final String notSent;

  LoopWorker(
      EventLoop loop,
      Class<? extends SocketChannel> channelType,
      InetSocketAddress remote,
      WireRequest[] requests,
      LiveRecorder recorder,
      RunControl control,
      Completion completion,
      int maxConnections,
      long timeoutNanos,
      int maxWaiting,
      Optional<TlsClient> tls) {
    this.loop = loop;
    this.remote = remote;
    this.requests = requests;
    this.recorder = recorder;
    this.control = control;
    this.completion = completion;
    this.maxConnections = maxConnections;
    this.timeoutNanos = timeoutNanos;
    this.maxWaiting = maxWaiting;
    String timeout = DurationFormat.formatMicros(timeoutNanos / 1_000.0);
    this.noResponse = "no response within the " + timeout + " timeout";
    this.notSent = "not sent within the " + timeout + " timeout: every connection was busy";
    this.bootstrap =
        new Bootstrap()
            .group(loop)
            .channel(channelType)
            .option(ChannelOption.TCP_NODELAY, true)
            .option(ChannelOption.ALLOCATOR, PooledByteBufAllocator.DEFAULT)
            .option(
                ChannelOption.CONNECT_TIMEOUT_MILLIS,
                (int) Math.max(1, Math.min(Integer.MAX_VALUE, timeoutNanos / 1_000_000)))
            .handler(
                new ChannelInitializer<SocketChannel>() {
                  @Override
                  protected void initChannel(SocketChannel ch) {
                    tls.ifPresent(t -> ch.pipeline().addLast(t.handler(ch.alloc())));
                    Connection connection = new Connection(LoopWorker.this);
                    ch.pipeline().addLast(connection);
                  }
                });
  }

  EventLoop loop() {
    return loop;
  }

  /** This loop's recorder; only this loop writes to it. */
  LiveRecorder recorder() {
    return recorder;
  }

  /** Starts the timeout sweep: a check every 10 ms is cheaper than a timer per request. */
  void start() {
    sweeper = loop.scheduleAtFixedRate(JvmErrors.guard(this::sweep), 10, 10, TimeUnit.MILLISECONDS);
  }

  /**
   * Opens one connection ahead of the clock, so the first scheduled requests do not pay for class
   * loading and the handshake; {@code ready} completes either way (a failure shows up later as
   * connect errors of real requests).
   */
  void warmUp(Promise<Void> ready) {
    opening++;
    ChannelFuture future = bootstrap.connect(remote);
    future.addListener(
        JvmErrors.guard(
            f ->
                whenOpen(
                    future,
                    channel -> {
                      opening--;
                      if (channel != null) {
                        Connection connection = channel.pipeline().get(Connection.class);
                        connections.add(connection);
                        ready(connection);
                      }
                      ready.trySuccess(null);
                    })));
  }

  /**
   * Calls {@code then} with the channel once it can carry requests (connected, and for https
   * handshaken), or with null when it cannot; the cause is kept for the run's report.
   */
  private void whenOpen(ChannelFuture connect, Consumer<Channel> then) {
    if (!connect.isSuccess()) {
      connectFailure = connect.cause();
      control.connectFailed(connect.cause());
      then.accept(null);
      return;
    }
    Channel channel = connect.channel();
    SslHandler tlsHandler = channel.pipeline().get(SslHandler.class);
    if (tlsHandler == null) {
      then.accept(channel);
      return;
    }
    tlsHandler
        .handshakeFuture()
        .addListener(
            JvmErrors.guard(
                handshake -> {
                  if (handshake.isSuccess()) {
                    then.accept(channel);
                  } else {
                    connectFailure = handshake.cause();
                    control.connectFailed(handshake.cause());
                    channel.close();
                    then.accept(null);
                  }
                }));
  }

  /** Hands a request over; {@code recordLag} for the open model, where there is a schedule. */
  void submit(int template, long intendedNanos, boolean recordLag) {
    if (recordLag) {
      recorder.lag(System.nanoTime() - intendedNanos);
    }
    Connection connection = idle.pollLast();
    if (connection != null) {
      connection.send(template, requests[template], intendedNanos);
      return;
    }
    if (waiting.size() >= maxWaiting) {
      // The queue is full (PendingLimit): the request cannot be sent within its timeout, so it
      // counts as a timeout at no less than the timeout, and the run reports how many were dropped.
      control.dropped.incrementAndGet();
      recorder.failure(
          template,
          FailureKind.UNSENT,
          "not sent: the generator fell behind its schedule and its pending queue was full",
          intendedNanos,
          Math.max(System.nanoTime(), intendedNanos + timeoutNanos));
      finish(Series.TIMEOUT);
      return;
    }
    waiting.addLast(new Waiting(template, intendedNanos));
    openIfNeeded();
  }

  private void openIfNeeded() {
    while (connections.size() + opening < maxConnections && opening < waiting.size()) {
      opening++;
      ChannelFuture future = bootstrap.connect(remote);
      future.addListener(JvmErrors.guard(f -> whenOpen(future, this::connected)));
    }
  }

  private void connected(Channel channel) {
    opening--;
    if (channel != null) {
      Connection connection = channel.pipeline().get(Connection.class);
      connections.add(connection);
      ready(connection);
      return;
    }
    // The request that asked for this connection learns it could not be made.
    Waiting w = waiting.pollFirst();
    if (w != null) {
      Throwable cause = connectFailure == null ? new IllegalStateException("?") : connectFailure;
      end(
          w.template(),
          FailureCause.connectKindOf(cause),
          FailureCause.messageOf(cause),
          w.intendedNanos());
    }
    if (!waiting.isEmpty()) {
      openIfNeeded();
    }
  }

  private void ready(Connection connection) {
    Waiting w = waiting.pollFirst();
    if (w != null) {
      connection.send(w.template(), requests[w.template()], w.intendedNanos());
    } else {
      idle.addLast(connection);
    }
  }

  void responded(
      Connection connection, int status, long intendedNanos, long sentNanos, boolean keepAlive) {
    recorder.response(connection.template(), status, intendedNanos, sentNanos, System.nanoTime());
    if (keepAlive) {
      ready(connection);
    } else {
      connection.close();
    }
    finish(Series.ofStatus(status));
  }

  void closed(Connection connection, boolean inFlight) {
    connections.remove(connection);
    idle.remove(connection);
    if (inFlight) {
      end(
          connection.template(),
          connection.breakKind(),
          connection.breakMessage(),
          connection.intendedNanos());
    }
    if (!waiting.isEmpty()) {
      openIfNeeded();
    }
  }

  private void sweep() {
    long now = System.nanoTime();
    for (Connection c : List.copyOf(connections)) {
      if (c.isBusy() && now - c.sentNanos() > timeoutNanos) {
        long intended = c.intendedNanos();
        c.abandon();
        end(c.template(), FailureKind.TIMEOUT, noResponse, intended);
      }
    }
    while (!waiting.isEmpty() && now - waiting.peekFirst().intendedNanos() > timeoutNanos) {
      Waiting w = waiting.pollFirst();
      end(w.template(), FailureKind.TIMEOUT, notSent, w.intendedNanos());
    }
  }

  private void end(int template, FailureKind kind, String message, long intendedNanos) {
    recorder.failure(template, kind, message, intendedNanos, System.nanoTime());
    finish(kind.series());
  }

  /** Counted last, so the run's owner never sees all done while a next request is being issued. */
  private void finish(Series outcome) {
    completion.done(this, outcome);
    control.finished.incrementAndGet();
  }

  /** Closes every connection; call once the run is over. */
  void shutdown() {
    if (sweeper != null) {
      sweeper.cancel(false);
    }
    for (Connection c : List.copyOf(connections)) {
      c.close();
    }
  }
}
