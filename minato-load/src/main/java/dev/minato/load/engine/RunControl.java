package dev.minato.load.engine;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

/** The counters and flags the generator, the event loops and the run's owner share. */
final class RunControl {

  // Counted by every event loop at every request: striped, so that loops on different cores do not
  // take turns owning one cache line.
  private final LongAdder issued = new LongAdder();
  private final LongAdder finished = new LongAdder();

  /** Requests the engine could not queue (the pending limit was reached); counted as timeouts. */
  final AtomicLong dropped = new AtomicLong();

  private final AtomicLong budget;
  // No request budget (a run by duration): nothing to take from, so no shared counter to update
  // (the event loops would contend for its cache line at every request).
  private final boolean unlimited;
  private volatile boolean stopping;
  private final AtomicReference<String> firstConnectFailure = new AtomicReference<>();

  RunControl(long budget) {
    this.budget = new AtomicLong(budget);
    this.unlimited = budget == Long.MAX_VALUE;
  }

  /** Takes one request from the budget; false when the budget is spent or the run is stopping. */
  boolean take() {
    if (stopping) {
      return false;
    }
    if (unlimited) {
      return true;
    }
    if (budget.getAndDecrement() <= 0) {
      budget.set(0);
      return false;
    }
    return true;
  }

  boolean budgetSpent() {
    return budget.get() <= 0;
  }

  void stop() {
    stopping = true;
  }

  boolean stopping() {
    return stopping;
  }

  /** Keeps why the first connection of the run could not be opened; later ones are alike. */
  void connectFailed(Throwable cause) {
    if (firstConnectFailure.get() == null) {
      firstConnectFailure.compareAndSet(null, ConnectFailure.explain(cause));
    }
  }

  Optional<String> firstConnectFailure() {
    return Optional.ofNullable(firstConnectFailure.get());
  }

  /** One more request was handed to a loop. */
  void issued() {
    issued.increment();
  }

  /** One more request ended (a response or a failure); count it after it is recorded. */
  void finished() {
    finished.increment();
  }

  /**
   * Requests issued and not yet finished. Finished is read first: a request is issued before it can
   * finish, so a sum that moves meanwhile makes this larger, never smaller than the truth.
   */
  long inFlight() {
    long done = finished.sum();
    return issued.sum() - done;
  }
}
