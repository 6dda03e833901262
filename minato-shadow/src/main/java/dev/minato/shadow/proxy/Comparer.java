package dev.minato.shadow.proxy;

import dev.minato.shadow.upstream.BackgroundPriority;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The thread complete exchanges are compared on, away from the event loops. It is never woken by
 * the loops: they only append to a lock-free queue, which this thread drains and then naps, from a
 * millisecond after recent work up to 50 ms when idle. Waking a parked thread for each exchange (an
 * executor's hand-over) would cost the event loop a system call per request, and the woken thread
 * tends to preempt the loop on its own core; a comparison a few milliseconds later costs nobody
 * anything. It runs in the idle scheduling class (see {@link BackgroundPriority}), so comparing
 * takes only CPU time that no event loop, nor the upstreams sharing the machine, wants.
 */
final class Comparer implements Executor, AutoCloseable {

  private static final long SHORTEST_NAP = TimeUnit.MILLISECONDS.toNanos(1);
  private static final long LONGEST_NAP = TimeUnit.MILLISECONDS.toNanos(50);

  private final ConcurrentLinkedQueue<Runnable> queue = new ConcurrentLinkedQueue<>();
  private final Thread thread;
  private volatile boolean closed;

  Comparer() {
    thread = new Thread(this::run, "minato-shadow-compare");
    thread.setDaemon(true);
    thread.start();
  }

  /** Queues {@code task}; returns at once, from any thread. */
  @Override
  public void execute(Runnable task) {
    queue.add(task);
  }

  private void run() {
    BackgroundPriority.lowerCurrentThread();
    long nap = SHORTEST_NAP;
    while (!closed) {
      Runnable task = queue.poll();
      if (task == null) {
        LockSupport.parkNanos(nap);
        nap = Math.min(LONGEST_NAP, nap * 2);
        continue;
      }
      nap = SHORTEST_NAP;
      // The tasks are CompletableFuture actions, which keep their own failures: none ends this
      // loop.
      task.run();
    }
  }

  /** Stops the thread; tasks still queued are not run. */
  @Override
  public void close() {
    closed = true;
    LockSupport.unpark(thread);
  }
}
