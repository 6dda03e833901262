package dev.minato.shadow.proxy;

import dev.minato.shadow.exchange.CapturedRequest;
import dev.minato.shadow.exchange.Exchange;
import dev.minato.shadow.exchange.ExchangeSink;
import dev.minato.shadow.exchange.Header;
import dev.minato.shadow.exchange.Outcome;
import dev.minato.shadow.upstream.UpstreamClient;
import io.netty.channel.EventLoop;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Sends copies of requests to the candidate (and the secondary) and joins the answers with the
 * primary's into exchanges for the sink. The queue is a bound on copies in flight, taken before a
 * copy is sent and given back when its exchange is complete: when it is full, or when a copy would
 * have to wait for a connection to the candidate or the secondary, the copy is dropped and counted,
 * so a stalled candidate costs a bounded amount of memory and the primary path never waits. The
 * sink runs on its own thread, never on an event loop: comparing bodies costs CPU that would
 * otherwise delay the clients' answers.
 */
final class Mirror {

  /** The header that tells a copy from real traffic, for the candidate's logs and guards. */
  static final Header SHADOW_HEADER = new Header("X-Minato-Shadow", "1");

  /** Sent to the primary a second time only when idempotent, and without side effects. */
  private static final Set<String> ASK_TWICE = Set.of("GET", "HEAD");

  private final UpstreamClient candidate;
  private final Optional<UpstreamClient> secondary;
  private final Optional<UpstreamClient> primaryAgain;
  private final ExchangeSink sink;
  private final Executor comparer;
  private final ShadowCounters counters;
  private final int capacity;

  /**
   * Copies in the queue: from the moment their place is taken, while they wait for their primary's
   * answer, are sent and until their exchange is complete. One count, so a copy moving from waiting
   * to sent is never counted twice (nor missed) by {@link #reserve} or {@link #inFlight}.
   */
  private final AtomicInteger held = new AtomicInteger();

  private final Map<EventLoop, Lane> lanes = new ConcurrentHashMap<>();

  Mirror(
      UpstreamClient candidate,
      Optional<UpstreamClient> secondary,
      Optional<UpstreamClient> primaryAgain,
      ExchangeSink sink,
      Executor comparer,
      ShadowCounters counters,
      int capacity) {
    this.candidate = candidate;
    this.secondary = secondary;
    this.primaryAgain = primaryAgain;
    this.sink = sink;
    this.comparer = comparer;
    this.counters = counters;
    this.capacity = capacity;
  }

  /**
   * Takes a place in the queue for a copy of a request whose primary has not answered yet; false
   * (the copy dropped and counted) when the queue is full. Copies waiting for their primary's
   * answer count against the queue's capacity, so a mirror loop that gets little CPU time drops
   * copies instead of piling them up. A place taken is given back by {@link Lane#answered} or
   * {@link #cancel}.
   */
  boolean reserve() {
    if (held.incrementAndGet() > capacity) {
      held.decrementAndGet();
      counters.dropped.increment();
      return false;
    }
    return true;
  }

  /** Gives back a place taken by {@link #reserve}: the client went away, nothing to compare. */
  void cancel() {
    held.decrementAndGet();
  }

  /**
   * The lane the copies of a clients' event loop go through: one of the copies' loops, taken once
   * per client connection.
   */
  Lane lane(EventLoop clientLoop) {
    return lanes.computeIfAbsent(clientLoop, loop -> new Lane(candidate.loop()));
  }

  /**
   * Hands copies from a clients' loop to one of the copies' loops: the clients' loop appends to a
   * lock-free queue and wakes the copies' loop only when it is not already awake for the queue; the
   * copies' loop drains everything queued meanwhile in one go. The copies' loop runs in the idle
   * scheduling class (see {@link ShadowProxy#start}), so their writes and answers never come
   * between a client and its primary's answer.
   *
   * <p>A lane that, after draining, looked again a millisecond later on its own timer (so that the
   * clients' loop would not wake it while copies kept coming) was tried and measured: it sent the
   * copies at any moment rather than just after each answer, more often while the primary was busy
   * with a client's request, and the added median rose by 10-30 microseconds in every interleaved
   * run, for no tail shown gained (docs/shadow-performance.md).
   */
  final class Lane {

    private final EventLoop loop;
    private final Queue<PendingCopy> answered = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean awake = new AtomicBoolean();

    private Lane(EventLoop loop) {
      this.loop = loop;
    }

    /**
     * Mirrors {@code copy}, whose place {@link #reserve} took, now that its primary has answered
     * (the answer already written to the client) or failed; returns at once.
     */
    void answered(PendingCopy copy) {
      answered.add(copy);
      if (!awake.get() && awake.compareAndSet(false, true)) {
        wake();
      }
    }

    private void wake() {
      try {
        loop.execute(this::drain);
      } catch (RejectedExecutionException shuttingDown) {
        dropAll();
      }
    }

    private void drain() {
      PendingCopy copy;
      while ((copy = answered.poll()) != null) {
        offer(copy);
      }
      awake.set(false);
      // A copy added after the last poll, before the flag fell, found the lane awake and did not
      // wake it: take it now.
      if (!answered.isEmpty() && awake.compareAndSet(false, true)) {
        wake();
      }
    }

    private void dropAll() {
      PendingCopy copy;
      while ((copy = answered.poll()) != null) {
        copy.discard();
        held.decrementAndGet();
      }
      awake.set(false);
    }
  }

  /**
   * Sends the copies of {@code pending}, whose primary has answered, unless there is no room for
   * them (dropped and counted); on a copies' loop.
   */
  private void offer(PendingCopy pending) {
    Optional<UpstreamClient> noise =
        secondary.isPresent()
            ? secondary
            : primaryAgain.filter(client -> ASK_TWICE.contains(pending.method()));
    // A copy that would have to wait for a connection is dropped, not queued: a stalled candidate
    // then holds its connections and nothing more, and when their timeouts end they end for a
    // few copies at a time, not for a queue's worth at once.
    if (!candidate.hasRoom() || noise.map(client -> !client.hasRoom()).orElse(false)) {
      counters.dropped.increment();
      counters.droppedBusy.increment();
      pending.discard();
      held.decrementAndGet();
      return;
    }
    counters.mirrored.increment();
    CapturedRequest request = pending.request();
    Outcome primary = pending.primary();
    CapturedRequest copy = marked(request);
    // The copies' answers are most often the primary's byte for byte: compared with it as they
    // arrive, an equal body and equal header fields are not copied (the largest allocations of
    // this loop, docs/shadow-performance.md).
    Optional<Outcome.Answered> likely =
        primary instanceof Outcome.Answered answered ? Optional.of(answered) : Optional.empty();
    CompletableFuture<Outcome> fromCandidate = candidate.send(copy, likely);
    CompletableFuture<Optional<Outcome>> fromSecondary =
        noise.isEmpty()
            ? CompletableFuture.completedFuture(Optional.empty())
            : noise.get().send(copy, likely).thenApply(Optional::of);
    if (secondary.isEmpty() && noise.isPresent()) {
      counters.secondaryFromPrimary.increment();
    }
    CompletableFuture.allOf(fromCandidate, fromSecondary)
        .whenCompleteAsync(
            (ignored, error) -> complete(request, primary, fromCandidate, fromSecondary), comparer);
  }

  private void complete(
      CapturedRequest request,
      Outcome primaryOutcome,
      CompletableFuture<Outcome> fromCandidate,
      CompletableFuture<Optional<Outcome>> fromSecondary) {
    try {
      Outcome candidateOutcome = fromCandidate.join();
      Optional<Outcome> secondaryOutcome = fromSecondary.join();
      if (candidateOutcome instanceof Outcome.Failed failed) {
        counters.candidateFailed(failed.kind());
      }
      secondaryOutcome
          .filter(Outcome.Failed.class::isInstance)
          .ifPresent(failed -> counters.secondaryFailed(((Outcome.Failed) failed).kind()));
      sink.accept(new Exchange(request, primaryOutcome, candidateOutcome, secondaryOutcome));
      counters.compared.increment();
    } finally {
      held.decrementAndGet();
    }
  }

  /** Copies not yet complete, counting those still waiting to be offered. */
  int inFlight() {
    return held.get();
  }

  private static CapturedRequest marked(CapturedRequest request) {
    List<Header> headers = new ArrayList<>(request.headers().size() + 1);
    for (Header header : request.headers()) {
      if (!header.name().equalsIgnoreCase(SHADOW_HEADER.name())) {
        headers.add(header);
      }
    }
    headers.add(SHADOW_HEADER);
    return new CapturedRequest(request.method(), request.target(), headers, request.body());
  }
}
