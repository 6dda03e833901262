package dev.minato.load.engine;

import java.util.concurrent.TimeUnit;

/**
 * The open model's clock on one event loop. Each loop sends its own slice of the schedule (requests
 * firstIndex, firstIndex + stride, ...), waking with the loop's timer when the next one is due and
 * sending every request that is due at once. Keeping the clock on the loop that sends avoids
 * handing each request from a generator thread to a loop, which cost a wake-up per request. A
 * warm-up's pacer hands over to the measured run's on the same loop when its slice is over.
 */
final class Pacer {

  /** Never sleep longer than this, so a stop is noticed quickly even at low rates. */
  private static final long MAX_SLEEP_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

  /** Requests due this soon are sent now; the timer cannot wake more precisely anyway. */
  private static final long SLACK_NANOS = TimeUnit.MICROSECONDS.toNanos(20);

  /**
   * At most this many requests per turn: behind schedule, the loop still answers connections and
   * sweeps timeouts between batches instead of sending (and queueing) forever.
   */
  private static final int BATCH = 256;

  private final LoopWorker worker;
  private final ArrivalSchedule schedule;
  private final RequestMix mix;
  private final RunControl control;
  private final long startNanos;
  private final long limitNanos;
  private final long maxRequests;
  private final long stride;
  private final Runnable then;
  private long next;

  Pacer(
      LoopWorker worker,
      ArrivalSchedule schedule,
      RequestMix mix,
      RunControl control,
      long startNanos,
      long limitNanos,
      long maxRequests,
      long firstIndex,
      long stride,
      Runnable then) {
    this.worker = worker;
    this.schedule = schedule;
    this.mix = mix;
    this.control = control;
    this.startNanos = startNanos;
    this.limitNanos = limitNanos;
    this.maxRequests = maxRequests;
    this.next = firstIndex;
    this.stride = stride;
    this.then = then;
  }

  /**
   * Sends what is due and arms the timer for the next request; runs on the worker's loop. Once its
   * slice is over (or the run stops), runs {@code then} on the loop.
   */
  void run() {
    long now = System.nanoTime();
    for (int sent = 0; ; sent++) {
      if (sent == BATCH) {
        worker.loop().execute(JvmErrors.guard(this::run));
        return;
      }
      if (control.stopping() || next >= maxRequests) {
        then.run();
        return;
      }
      long offset = schedule.offsetNanos(next);
      if (offset == Long.MAX_VALUE || offset >= limitNanos) {
        then.run();
        return;
      }
      long due = startNanos + offset;
      if (due - now > SLACK_NANOS) {
        long sleep = Math.min(due - now, MAX_SLEEP_NANOS);
        worker.loop().schedule(JvmErrors.guard(this::run), sleep, TimeUnit.NANOSECONDS);
        return;
      }
      control.issued();
      worker.submit(mix.templateOf(next), due);
      next += stride;
      now = System.nanoTime();
    }
  }
}
