package dev.minato.shadow.replay;

import dev.minato.manifest.ManifestException;
import dev.minato.shadow.exchange.CapturedRequest;
import dev.minato.shadow.exchange.Exchange;
import dev.minato.shadow.exchange.ExchangeSink;
import dev.minato.shadow.exchange.Outcome;
import dev.minato.shadow.upstream.UpstreamClient;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

/**
 * Sends the requests of a log again, to the primary, the candidate and the secondary (or, without
 * one, to the primary a second time, as only safe methods are replayed by default), at the pace
 * asked for, and hands each exchange to the sink that compares. Requests are read and sent one at a
 * time, so a log of any size replays in bounded memory; at most {@code maxInFlight} exchanges are
 * outstanding, and when the upstreams are slower than the pace the replay falls behind (counted as
 * late) rather than piling requests up.
 */
public final class Replay {

  /** The methods replayed unless {@code --methods} widens them: those that change nothing. */
  public static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");

  private static final long LATE_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

  /** How often a replay waiting for a request's time looks whether it was stopped. */
  private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

  /** The upstreams a replay sends to; without a secondary the primary is asked twice. */
  public record Upstreams(
      UpstreamClient primary, UpstreamClient candidate, Optional<UpstreamClient> secondary) {}

  /**
   * How to replay.
   *
   * @param pace when each request is sent
   * @param methods the methods sent; other requests are counted as skipped
   * @param maxInFlight the most exchanges outstanding at once
   */
  public record Options(Pace pace, Set<String> methods, int maxInFlight) {
    public Options {
      methods = Set.copyOf(methods);
      if (maxInFlight < 1) {
        throw new IllegalArgumentException("at least one exchange in flight: " + maxInFlight);
      }
    }
  }

  private Replay() {}

  /** Reads the log without sending anything: what {@code --dry-run} and the benchmark measure. */
  public static ReplaySummary read(RequestSource source, Set<String> methods)
      throws IOException, ManifestException {
    return run(source, new Options(Pace.AS_LOGGED, methods, 1), null, null, new Stop());
  }

  /** Replays the whole log and waits until every exchange reached the sink. */
  public static ReplaySummary run(
      RequestSource source, Options options, Upstreams upstreams, ExchangeSink sink)
      throws IOException, ManifestException {
    return run(source, options, upstreams, sink, new Stop());
  }

  /**
   * Replays the log until it ends or {@code stop} is pulled (Ctrl-C), then waits until every
   * exchange sent reached the sink, so what was sent is still reported.
   */
  public static ReplaySummary run(
      RequestSource source, Options options, Upstreams upstreams, ExchangeSink sink, Stop stop)
      throws IOException, ManifestException {
    return run(source, options, upstreams, sink, stop, new Live());
  }

  /**
   * As {@link #run(RequestSource, Options, Upstreams, ExchangeSink, Stop)}, counting in {@code
   * live}.
   */
  public static ReplaySummary run(
      RequestSource source,
      Options options,
      Upstreams upstreams,
      ExchangeSink sink,
      Stop stop,
      Live live)
      throws IOException, ManifestException {
    long start = System.nanoTime();
    Sender sender = new Sender(options, upstreams, sink, start, stop, live);
    try {
      source.read(sender);
    } catch (Stopped early) {
      // The rest of the log is not read; what was sent is drained and reported below.
    }
    sender.drain();
    return new ReplaySummary(
        sender.requests,
        sender.replayed,
        sender.skipped,
        sender.malformed,
        sender.firstMalformed,
        sender.late,
        stop.pulled(),
        (System.nanoTime() - start) / 1e9);
  }

  /** Ends a replay early from another thread (a shutdown hook); thread-safe. */
  public static final class Stop {
    private volatile boolean pulled;

    public void pull() {
      pulled = true;
    }

    public boolean pulled() {
      return pulled;
    }
  }

  /**
   * The counts of a replay while it runs, for a progress line: written by the replay (the reading
   * thread and, for answers, the event loops), read from any thread.
   */
  public static final class Live {
    private final long startNanos = System.nanoTime();
    private volatile long read;
    private volatile long sent;
    private volatile long malformed;
    private final LongAdder answered = new LongAdder();

    public double elapsedSeconds() {
      return (System.nanoTime() - startNanos) / 1e9;
    }

    /** Lines (or entries) read so far, malformed ones included. */
    public long read() {
      return read;
    }

    public long sent() {
      return sent;
    }

    /** Requests whose every upstream has answered (or failed). */
    public long answered() {
      return answered.sum();
    }

    public long malformed() {
      return malformed;
    }
  }

  /** Unwinds the reading of the log once the replay is stopped; never escapes {@link #run}. */
  private static final class Stopped extends RuntimeException {
    Stopped() {
      super("replay stopped", null, false, false);
    }
  }

  /** Paces and sends the requests a source reads; runs on the reading thread. */
  private static final class Sender implements RequestSource.Reader {
    final Options options;
    final Upstreams upstreams;
    final ExchangeSink sink;
    final long start;
    final Semaphore inFlight;
    long requests;
    long replayed;
    long malformed;
    long late;
    final Map<String, Long> skipped = new TreeMap<>();
    final List<Malformed> firstMalformed = new ArrayList<>();
    Optional<Instant> first = Optional.empty();

    final Stop stop;
    final Live live;

    Sender(
        Options options, Upstreams upstreams, ExchangeSink sink, long start, Stop stop, Live live) {
      this.stop = stop;
      this.live = live;
      this.options = options;
      this.upstreams = upstreams;
      this.sink = sink;
      this.start = start;
      this.inFlight = new Semaphore(options.maxInFlight());
    }

    @Override
    public void malformed(Malformed problem) {
      malformed++;
      live.read++;
      live.malformed++;
      if (firstMalformed.size() < ReplaySummary.SHOWN) {
        firstMalformed.add(problem);
      }
    }

    @Override
    public void request(LoggedRequest logged) {
      requests++;
      live.read++;
      CapturedRequest request = logged.request();
      if (!options.methods().contains(request.method())) {
        skipped.merge(request.method(), 1L, Long::sum);
        return;
      }
      if (sink == null) {
        replayed++;
        return;
      }
      if (first.isEmpty()) {
        first = logged.time();
      }
      long due = start + options.pace().dueNanos(replayed, first, logged.time());
      long wait;
      while ((wait = due - System.nanoTime()) > 0 && !stop.pulled()) {
        LockSupport.parkNanos(Math.min(wait, POLL_NANOS));
      }
      if (stop.pulled()) {
        throw new Stopped();
      }
      inFlight.acquireUninterruptibly();
      if (System.nanoTime() - due > LATE_NANOS) {
        late++;
      }
      replayed++;
      live.sent++;
      send(request);
    }

    private void send(CapturedRequest request) {
      CompletableFuture<Outcome> primary = sent(upstreams.primary(), request);
      CompletableFuture<Outcome> candidate = sent(upstreams.candidate(), request);
      CompletableFuture<Outcome> secondary =
          sent(upstreams.secondary().orElse(upstreams.primary()), request);
      CompletableFuture.allOf(primary, candidate, secondary)
          .whenComplete(
              (done, error) -> {
                try {
                  sink.accept(
                      new Exchange(
                          request,
                          primary.join(),
                          candidate.join(),
                          Optional.of(secondary.join())));
                } finally {
                  live.answered.increment();
                  inFlight.release();
                }
              });
    }

    /** The outcome of one send; a client that throws is a failure to compare, not a crash. */
    private static CompletableFuture<Outcome> sent(UpstreamClient client, CapturedRequest request) {
      try {
        return client
            .send(request)
            .exceptionally(e -> new Outcome.Failed("internal", String.valueOf(e), 0));
      } catch (RuntimeException e) {
        return CompletableFuture.completedFuture(
            new Outcome.Failed("internal", String.valueOf(e), 0));
      }
    }

    /** Waits until every exchange in flight reached the sink. */
    void drain() {
      inFlight.acquireUninterruptibly(options.maxInFlight());
      inFlight.release(options.maxInFlight());
    }
  }
}
