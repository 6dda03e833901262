package dev.minato.shadow.proxy;

import dev.minato.shadow.exchange.CapturedRequest;
import dev.minato.shadow.exchange.Exchange;
import dev.minato.shadow.exchange.ExchangeSink;
import dev.minato.shadow.exchange.Header;
import dev.minato.shadow.exchange.Outcome;
import dev.minato.shadow.upstream.UpstreamClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
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
  private final AtomicInteger inFlight = new AtomicInteger();

  /** Requests whose copies wait for the primary's answer before they are offered. */
  private final AtomicInteger waiting = new AtomicInteger();

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
   * Mirrors {@code request} once the primary has answered it (the answer forwarded to the client)
   * or failed; returns at once. The copies are sent from the candidate's own event loop, which runs
   * in the idle scheduling class (see {@link ShadowProxy#start}): their writes and answers never
   * come between a client and its primary's answer, nor take a core another thread wants. Requests
   * waiting to be offered count against the queue's capacity, so a mirror loop that gets little CPU
   * time drops copies instead of piling them up. A request whose client went away is not mirrored:
   * there is no answer to compare.
   */
  void offerOnceAnswered(CapturedRequest request, CompletableFuture<Outcome> primary) {
    if (waiting.incrementAndGet() + inFlight.get() > capacity) {
      waiting.decrementAndGet();
      counters.dropped.increment();
      return;
    }
    primary.whenComplete(
        (outcome, clientGone) -> {
          if (clientGone != null) {
            waiting.decrementAndGet();
            return;
          }
          try {
            candidate
                .loop()
                .execute(
                    () -> {
                      try {
                        offer(request, primary);
                      } finally {
                        waiting.decrementAndGet();
                      }
                    });
          } catch (RejectedExecutionException shuttingDown) {
            waiting.decrementAndGet();
          }
        });
  }

  /**
   * Mirrors {@code request}, whose primary outcome {@code primary} will complete; returns at once.
   * Returns false when the queue was full and the copy dropped.
   */
  boolean offer(CapturedRequest request, CompletableFuture<Outcome> primary) {
    Optional<UpstreamClient> noise =
        secondary.isPresent()
            ? secondary
            : primaryAgain.filter(client -> ASK_TWICE.contains(request.method()));
    // A copy that would have to wait for a connection is dropped, not queued: a stalled candidate
    // then holds its connections and nothing more, and when their timeouts end they end for a
    // few copies at a time, not for a queue's worth at once.
    if (!candidate.hasRoom() || noise.map(client -> !client.hasRoom()).orElse(false)) {
      counters.dropped.increment();
      counters.droppedBusy.increment();
      return false;
    }
    if (inFlight.incrementAndGet() > capacity) {
      inFlight.decrementAndGet();
      counters.dropped.increment();
      return false;
    }
    counters.mirrored.increment();
    CapturedRequest copy = marked(request);
    CompletableFuture<Outcome> fromCandidate = candidate.send(copy);
    CompletableFuture<Optional<Outcome>> fromSecondary =
        noise.isEmpty()
            ? CompletableFuture.completedFuture(Optional.empty())
            : noise.get().send(copy).thenApply(Optional::of);
    if (secondary.isEmpty() && noise.isPresent()) {
      counters.secondaryFromPrimary.increment();
    }
    CompletableFuture.allOf(primary, fromCandidate, fromSecondary)
        .whenCompleteAsync(
            (ignored, error) -> complete(request, primary, fromCandidate, fromSecondary), comparer);
    return true;
  }

  private void complete(
      CapturedRequest request,
      CompletableFuture<Outcome> primary,
      CompletableFuture<Outcome> fromCandidate,
      CompletableFuture<Optional<Outcome>> fromSecondary) {
    try {
      Outcome primaryOutcome = primary.getNow(null);
      if (primaryOutcome == null || primary.isCompletedExceptionally()) {
        return; // the client went away: there is no primary answer to compare (counted there)
      }
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
      inFlight.decrementAndGet();
    }
  }

  /** Copies not yet complete, counting those still waiting to be offered. */
  int inFlight() {
    // Waiting first: a copy moves from waiting to in flight (counted there before it leaves
    // waiting), so read in this order it is never missed by both.
    int notYetOffered = waiting.get();
    return notYetOffered + inFlight.get();
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
