package dev.minato.load.engine;

import dev.minato.load.stats.FailureKind;
import dev.minato.load.stats.LiveRecorder;
import dev.minato.load.stats.Series;
import dev.minato.load.syntax.DurationFormat;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;
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
 * <p>A run with a warm-up is one run on the same loops, connections and schedule: a request due
 * before {@link #start the measured start} is the warm-up's, recorded apart (by the same code,
 * which so stays compiled) and never reported, wherever it ends.
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

  private final EventLoop loop;
  private final Dialer dialer;
  private final WireRequest[] requests;
  private final LiveRecorder recorder;
  private final Optional<LiveRecorder> warmupRecorder;
  private final RunControl control;
  private final Completion completion;
  private final int maxConnections;
  private final int streamsPerConnection;
  private final long timeoutNanos;
  private final int maxWaiting;

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
  // Requests due before this instant are the warm-up's; set by start(), before the first request.
  private long measuredFromNanos;

  /**
   * Links are opened by the dialer {@code dialers} makes for this worker, to {@code target}; with
   * its {@code http2} present, every link speaks HTTP/2 and carries up to that many streams at once
   * (fewer if the server allows fewer). {@code warmupRecorder} is present when the run has a
   * warm-up.
   */
  LoopWorker(
      EventLoop loop,
      Dialer.Factory dialers,
      Dialer.Target target,
      WireRequest[] requests,
      LiveRecorder recorder,
      Optional<LiveRecorder> warmupRecorder,
      RunControl control,
      Completion completion,
      int maxConnections,
      long timeoutNanos,
      int maxWaiting) {
    this.loop = loop;
    this.requests = requests;
    this.recorder = recorder;
    this.warmupRecorder = warmupRecorder;
    this.control = control;
    this.completion = completion;
    this.maxConnections = maxConnections;
    this.streamsPerConnection = target.http2().orElse(1);
    this.timeoutNanos = timeoutNanos;
    this.maxWaiting = maxWaiting;
    String timeout = DurationFormat.formatMicros(timeoutNanos / 1_000.0);
    this.noResponse = "no response within the " + timeout + " timeout";
    this.notSent = "not sent within the " + timeout + " timeout: every connection was busy";
    this.dialer = dialers.create(this, target);
  }

  EventLoop loop() {
    return loop;
  }

  /** This loop's recorder of the measured run; only this loop writes to it. */
  LiveRecorder recorder() {
    return recorder;
  }

  /** The warm-up's recorder, present with a warm-up; only this loop writes to it. */
  Optional<LiveRecorder> warmupRecorder() {
    return warmupRecorder;
  }

  /**
   * Starts the timeout sweep (a check every 10 ms is cheaper than a timer per request); requests
   * due from {@code measuredFromNanos} on are the measured run's, those due before the warm-up's.
   */
  void start(long measuredFromNanos) {
    this.measuredFromNanos = measuredFromNanos;
    sweeper = loop.scheduleAtFixedRate(JvmErrors.guard(this::sweep), 10, 10, TimeUnit.MILLISECONDS);
  }

  /** True when a request due at {@code intendedNanos} belongs to the measured run. */
  private boolean measured(long intendedNanos) {
    return intendedNanos - measuredFromNanos >= 0;
  }

  /** Where a request due at {@code intendedNanos} is recorded. */
  private LiveRecorder recorderOf(long intendedNanos) {
    return measured(intendedNanos) ? recorder : warmupRecorder.orElse(recorder);
  }

  /**
   * Opens one connection ahead of the clock, so the first scheduled requests do not pay for class
   * loading and the handshake; {@code ready} completes either way (a failure shows up later as
   * connect errors of real requests).
   */
  void warmUp(Promise<Void> ready) {
    opening++;
    whenOpen(
        link -> {
          opening--;
          if (link != null) {
            connections.add(link);
            ready(link, System.nanoTime());
          }
          ready.trySuccess(null);
        });
  }

  /**
   * Opens a link and calls {@code then} with it once it can carry requests (connected, for https
   * handshaken, for HTTP/2 settled), or with null when it cannot; the cause is kept for the run's
   * report.
   */
  private void whenOpen(Consumer<Link> then) {
    Future<Link> dial = dialer.dial();
    dial.addListener(
        JvmErrors.guard(
            f -> {
              if (dial.isSuccess()) {
                then.accept(dial.getNow());
              } else {
                connectFailure = dial.cause();
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
    recorderOf(intendedNanos).lag(now - intendedNanos);
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
      if (measured(intendedNanos)) {
        control.dropped.incrementAndGet();
      }
      recorderOf(intendedNanos)
          .failure(
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
      whenOpen(this::connected);
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
      if (measured(w.intendedNanos())) {
        // The reason goes beside the measured run's connect errors, never a warm-up's.
        control.connectFailed(cause);
      }
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
    recorderOf(intendedNanos).response(template, status, intendedNanos, sentNanos, now);
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
    recorderOf(intendedNanos).failure(template, kind, message, intendedNanos, now);
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
    dialer.release();
  }
}
