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
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.epoll.EpollMode;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.util.AttributeKey;
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
 * their intended send time; if no connection with room is at hand, a new one is opened up to the
 * loop's limit, and beyond it the request waits, its latency clock already running. An HTTP/1.1
 * connection has room for one request at a time, an HTTP/2 one for several streams.
 *
 * <p>Every method runs on {@link #loop()}, so nothing here needs locks.
 */
final class LoopWorker {

  /** What happens after each request ends (the closed model sends the user's next request). */
  interface Completion {
    /** {@code nowNanos}: a {@link System#nanoTime()} reading taken as the request ended. */
    void done(LoopWorker worker, Series outcome, long nowNanos);
  }

  private record Waiting(int template, long intendedNanos) {}

  /** The link each channel carries, set when the channel is initialised. */
  private static final AttributeKey<Link> LINK = AttributeKey.valueOf("minato.load.link");

  private final EventLoop loop;
  private final Bootstrap bootstrap;
  private final InetSocketAddress remote;
  private final WireRequest[] requests;
  private final LiveRecorder recorder;
  private final RunControl control;
  private final Completion completion;
  private final int maxConnections;
  private final int streamsPerConnection;
  private final long timeoutNanos;
  private final int maxWaiting;
  // Plain-text HTTP/1.1 only: the receive buffer all this loop's connections read into.
  private final Optional<LoopReceiveBuffer> receive;

  // Links with room for another request; the most recently used at the end.
  private final ArrayDeque<Link> idle = new ArrayDeque<>();
  private final ArrayDeque<Waiting> waiting = new ArrayDeque<>();
  private final List<Link> connections = new ArrayList<>();
  private int opening;
  // The closed model's requests handed to this loop so far: which of the mix each one is.
  private long userRequests;
  private ScheduledFuture<?> sweeper;
  // Why the last connection of this loop could not be opened, for the request that waited on it.
  private Throwable connectFailure;
  private final String noResponse;
  private final String notSent;

  /**
   * With {@code http2} present, every connection speaks HTTP/2 and carries up to that many streams
   * at once (fewer if the server allows fewer).
   */
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
      Optional<TlsClient> tls,
      Optional<Integer> http2) {
    this.loop = loop;
    this.remote = remote;
    this.requests = requests;
    this.recorder = recorder;
    this.control = control;
    this.completion = completion;
    this.maxConnections = maxConnections;
    this.streamsPerConnection = http2.orElse(1);
    this.timeoutNanos = timeoutNanos;
    this.maxWaiting = maxWaiting;
    String timeout = DurationFormat.formatMicros(timeoutNanos / 1_000.0);
    this.noResponse = "no response within the " + timeout + " timeout";
    this.notSent = "not sent within the " + timeout + " timeout: every connection was busy";
    this.receive =
        tls.isEmpty() && http2.isEmpty() ? Optional.of(new LoopReceiveBuffer()) : Optional.empty();
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
                    if (http2.isPresent()) {
                      H2Connection connection =
                          H2Connection.create(
                              LoopWorker.this, http2.get(), tls.isPresent(), timeoutNanos);
                      ch.pipeline().addLast(connection);
                      ch.attr(LINK).set(connection);
                    } else {
                      Connection connection = new Connection(LoopWorker.this);
                      ch.pipeline().addLast(connection);
                      ch.attr(LINK).set(connection);
                    }
                  }
                });
    receive.ifPresent(r -> bootstrap.option(ChannelOption.RCVBUF_ALLOCATOR, r));
    if (http2.isPresent() && channelType == EpollSocketChannel.class) {
      // Edge-triggered epoll (Netty's default) left HTTP/2 connections stalled: with request
      // bodies larger than the server's window, one run in three to eight of 48 uploads against
      // nghttpd ended with the server's WINDOW_UPDATE unread in the socket until the streams
      // timed out (NghttpdLoadTest); with level-triggered epoll and with NIO, none in 25 runs.
      bootstrap.option(EpollChannelOption.EPOLL_MODE, EpollMode.LEVEL_TRIGGERED);
    }
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
                    link -> {
                      opening--;
                      if (link != null) {
                        connections.add(link);
                        ready(link, System.nanoTime());
                      }
                      ready.trySuccess(null);
                    })));
  }

  /**
   * Calls {@code then} with the link once it can carry requests (connected, for https handshaken,
   * for HTTP/2 settled), or with null when it cannot; the cause is kept for the run's report.
   */
  private void whenOpen(ChannelFuture connect, Consumer<Link> then) {
    if (!connect.isSuccess()) {
      connectFailure = connect.cause();
      control.connectFailed(connect.cause());
      then.accept(null);
      return;
    }
    Channel channel = connect.channel();
    Link link = channel.attr(LINK).get();
    link.established()
        .addListener(
            JvmErrors.guard(
                established -> {
                  if (established.isSuccess()) {
                    then.accept(link);
                  } else {
                    connectFailure = established.cause();
                    control.connectFailed(established.cause());
                    channel.close();
                    then.accept(null);
                  }
                }));
  }

  /**
   * Hands a request of the open model over, due at {@code intendedNanos} by the schedule: how late
   * it is handed over is recorded as the generator's lag.
   */
  void submit(int template, long intendedNanos) {
    long now = System.nanoTime();
    recorder.lag(now - intendedNanos);
    submit(template, intendedNanos, now);
  }

  /**
   * Hands a request over that is due now, {@code nowNanos} being a {@link System#nanoTime()}
   * reading just taken (the closed model: a user sends as soon as the previous request ended). A
   * request sent at once then has the same send time as intended time, to the nanosecond.
   */
  private void submitNow(int template, long nowNanos) {
    submit(template, nowNanos, nowNanos);
  }

  /**
   * The closed model's next request on this loop, of the template {@code mix} gives it, due now as
   * in {@link #submitNow}. Each loop goes through the mix's cycle on its own, so the mix's weights
   * hold on every loop without the loops sharing a counter.
   */
  void submitNext(RequestMix mix, long nowNanos) {
    submitNow(mix.templateOf(userRequests++), nowNanos);
  }

  private void submit(int template, long intendedNanos, long nowNanos) {
    Link link = idle.peekLast();
    while (link != null && !link.hasRoom()) {
      // An HTTP/2 link lost its room meanwhile (the server went away or lowered its limit).
      idle.pollLast().listed(false);
      link = idle.peekLast();
    }
    if (link != null) {
      link.send(template, requests[template], intendedNanos, nowNanos);
      if (!link.hasRoom()) {
        idle.pollLast().listed(false);
      }
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
          Math.max(nowNanos, intendedNanos + timeoutNanos));
      finish(Series.TIMEOUT, nowNanos);
      return;
    }
    waiting.addLast(new Waiting(template, intendedNanos));
    openIfNeeded();
  }

  /** Opens connections while the ones being opened cannot take every waiting request. */
  private void openIfNeeded() {
    while (connections.size() + opening < maxConnections
        && (long) opening * streamsPerConnection < waiting.size()) {
      opening++;
      ChannelFuture future = bootstrap.connect(remote);
      future.addListener(JvmErrors.guard(f -> whenOpen(future, this::connected)));
    }
  }

  private void connected(Link link) {
    opening--;
    if (link != null) {
      connections.add(link);
      ready(link, System.nanoTime());
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

  /**
   * {@code link} has room again at {@code nowNanos}: waiting requests go first, else it joins the
   * idle list.
   */
  private void ready(Link link, long nowNanos) {
    while (link.hasRoom()) {
      Waiting w = waiting.pollFirst();
      if (w == null) {
        break;
      }
      link.send(w.template(), requests[w.template()], w.intendedNanos(), nowNanos);
    }
    if (link.hasRoom() && !link.listed()) {
      link.listed(true);
      idle.addLast(link);
    }
  }

  void responded(
      Link link, int template, int status, long intendedNanos, long sentNanos, boolean keepAlive) {
    // One clock reading serves the response's end, a waiting request's send and the closed model's
    // next request.
    long now = System.nanoTime();
    recorder.response(template, status, intendedNanos, sentNanos, now);
    if (keepAlive) {
      ready(link, now);
    } else {
      link.close();
    }
    finish(Series.ofStatus(status), now);
  }

  /** An HTTP/2 link ended a stream without a response: it has room for another. */
  void roomAgain(Link link) {
    ready(link, System.nanoTime());
  }

  /**
   * A request of {@code template} in flight on a link failed without a response (reset, connection
   * lost), for the reason {@code kind} and {@code message} give.
   */
  void lost(int template, FailureKind kind, String message, long intendedNanos) {
    end(template, kind, message, intendedNanos);
  }

  /** A request of {@code template} in flight on a link was given up after the timeout. */
  void timedOut(int template, long intendedNanos) {
    end(template, FailureKind.TIMEOUT, noResponse, intendedNanos);
  }

  /**
   * {@code link} is closed; the requests it carried are reported with {@link #lost} after this, so
   * that nothing is sent to it meanwhile.
   */
  void closed(Link link) {
    connections.remove(link);
    if (link.listed()) {
      idle.remove(link);
      link.listed(false);
    }
    if (!waiting.isEmpty()) {
      openIfNeeded();
    }
  }

  private void sweep() {
    long now = System.nanoTime();
    for (Link c : List.copyOf(connections)) {
      c.expire(now, timeoutNanos);
    }
    while (!waiting.isEmpty() && now - waiting.peekFirst().intendedNanos() > timeoutNanos) {
      Waiting w = waiting.pollFirst();
      end(w.template(), FailureKind.TIMEOUT, notSent, w.intendedNanos());
    }
  }

  private void end(int template, FailureKind kind, String message, long intendedNanos) {
    long now = System.nanoTime();
    recorder.failure(template, kind, message, intendedNanos, now);
    finish(kind.series(), now);
  }

  /** Counted last, so the run's owner never sees all done while a next request is being issued. */
  private void finish(Series outcome, long nowNanos) {
    completion.done(this, outcome, nowNanos);
    control.finished();
  }

  /** Closes every connection; call once the run is over. */
  void shutdown() {
    if (sweeper != null) {
      sweeper.cancel(false);
    }
    for (Link c : List.copyOf(connections)) {
      c.close();
    }
    receive.ifPresent(LoopReceiveBuffer::release);
  }
}
