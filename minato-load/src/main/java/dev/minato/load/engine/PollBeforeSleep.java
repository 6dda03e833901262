package dev.minato.load.engine;

import java.util.function.LongSupplier;

/**
 * Whether an event loop with nothing to do polls its selector for a short while before it blocks in
 * a select, and for how long: the one rule of both loops that poll, the {@link SelectorLoop} and
 * Netty's epoll loop in the closed model ({@link PollingSelectStrategy}).
 *
 * <p>Why: against a saturated server the next response is seldom more than a few tens of
 * microseconds away. A loop that sleeps in {@code epoll_wait} meanwhile must be woken by the
 * server's write, and the server pays for that wake-up (the scheduler's work and, across CPUs, an
 * inter-processor interrupt) out of the CPU it serves requests with. Against nginx on one core, its
 * writes woke the sleeping loop 0.05-0.46 times per response, and polling for up to 30 µs instead
 * took that to about 0.001 and nginx's CPU per request down by a fifth (docs/load-performance.md,
 * sixth round).
 *
 * <p>Between two polls the loop yields its CPU ({@link Thread#yield()}), so a thread waiting for
 * that CPU runs first: when the generator shares its CPUs with the server (two loops and nginx on
 * two CPUs), polling without yielding took CPU nginx needed, and yielding gave both its fewer
 * wake-ups and its CPU back.
 *
 * <p>Polling still costs the loop's own CPU, so it is adaptive: the loop polls only while that
 * pays, that is while the events it waits for come within the polling time. A poll that finds
 * nothing turns polling off; the loop then sleeps, and polls again next time only if that sleep was
 * as short as a poll. Against a server whose answers come further apart than a poll lasts, the loop
 * therefore sleeps at once, as it would without polling; and it never polls longer than {@link
 * #budgetNanos()} at a time.
 */
final class PollBeforeSleep {

  /** How long one poll lasts at most: past that the next response is unlikely to be near. */
  static final long DEFAULT_BUDGET_NANOS = 30_000L;

  /**
   * The {@link SelectorLoop}'s budget (plain-text HTTP/1.1), ten times the default. When two or
   * more loops share one saturated server, each loop's responses come in bursts: the server serves
   * the other loops' connections in between, and those gaps are mostly longer than 30 µs and
   * shorter than 300 µs. With the default a loop slept through every such gap and the server had to
   * wake it for the next burst (0.06-0.08 times per response against nginx with two loops and 64
   * connections); with this budget 0.005-0.013, and nginx spent 3-9 % less CPU per request
   * (docs/load-performance.md, seventh round). A loop alone on its CPU already found its responses
   * within 30 µs and does not poll longer with this budget. Netty's epoll loop keeps the default:
   * 100 and 300 µs there showed no gain in h2c, h2tls or t1tls (its loop, alone on its CPU, sleeps
   * about once in 1,000 responses at 30 µs; docs/load-performance.md, eighth round), and a task
   * handed to it while it polls waits for the poll to end.
   */
  static final long SELECTOR_LOOP_BUDGET_NANOS = 300_000L;

  /**
   * How long Netty's epoll loop (HTTP/2, TLS) lets pass between two looks of a poll, and after the
   * work it just did before its first. A look every few hundred nanoseconds hands the loop each
   * response alone, as soon as it arrives: against nginx over h2 with TLS a run wrote 0.73 times
   * and read 0.79 times per request, where h2load, which sleeps and then finds several, wrote 0.55
   * times. Every write to the server costs this loop the server's side of the loopback too, and
   * with TLS the loop is the bottleneck. Looking every 10 µs, it finds the responses of that time
   * together and answers them in one write: 0.35 writes and 0.36 reads per request, and the rate
   * 2-12 % higher over three rounds (docs/load-performance.md, eighth round). A response waits for
   * the next look at most this long, so closed-model latencies can hold up to 10 µs of the loop's
   * own waiting, as a response that arrives while a loop handles others waits in any generator.
   */
  static final long EPOLL_LOOP_LOOK_INTERVAL_NANOS = 10_000L;

  private final long budgetNanos;
  private final long lookIntervalNanos;
  private boolean polling;

  /** A poll of at most {@code budgetNanos} that looks as often as it can. */
  PollBeforeSleep(long budgetNanos) {
    this(budgetNanos, 0);
  }

  /** A poll of at most {@code budgetNanos} that looks once every {@code lookIntervalNanos}. */
  PollBeforeSleep(long budgetNanos, long lookIntervalNanos) {
    if (budgetNanos <= 0) {
      throw new IllegalArgumentException("a poll's budget must be positive, got " + budgetNanos);
    }
    if (lookIntervalNanos < 0 || lookIntervalNanos >= budgetNanos) {
      throw new IllegalArgumentException(
          "the interval between looks must be at least 0 and less than the budget ("
              + budgetNanos
              + " ns), got "
              + lookIntervalNanos);
    }
    this.budgetNanos = budgetNanos;
    this.lookIntervalNanos = lookIntervalNanos;
  }

  /** The longest one poll may last. */
  long budgetNanos() {
    return budgetNanos;
  }

  /** Whether the loop, having nothing to do, should poll before it sleeps. */
  boolean shouldPoll() {
    return polling;
  }

  /** A poll ended; {@code found} whether it found anything to do. */
  void polled(boolean found) {
    polling = found;
  }

  /** One look for work without waiting, by a loop that polls; how much it found (0: nothing). */
  @FunctionalInterface
  interface Attempt<E extends Exception> {
    int look() throws E;
  }

  /**
   * Polls: looks for work until a look finds some or the budget is spent, yielding the CPU between
   * looks so that a thread waiting for it (the server itself, when they share CPUs) runs first; the
   * poll is meant to spend idle time, not time the server needs to answer. With a look interval,
   * the first look waits that long too, and each next one that long after the one before. Returns
   * what the last look found and records whether it found anything ({@link #polled}).
   */
  <E extends Exception> int poll(Attempt<E> attempt, LongSupplier clock) throws E {
    long start = clock.getAsLong();
    long end = start + budgetNanos;
    long nextLook = start + lookIntervalNanos;
    int found;
    while (true) {
      while (clock.getAsLong() - nextLook < 0) {
        Thread.yield();
      }
      found = attempt.look();
      long now = clock.getAsLong();
      if (found > 0 || now - end >= 0) {
        break;
      }
      nextLook = now + lookIntervalNanos;
      Thread.yield();
    }
    polled(found > 0);
    return found;
  }

  /** How long a poll lets pass between two looks (0: none). */
  long lookIntervalNanos() {
    return lookIntervalNanos;
  }

  /** The loop slept for {@code sleptNanos}: a poll that long would have found what woke it. */
  void slept(long sleptNanos) {
    polling = sleptNanos <= budgetNanos;
  }
}
