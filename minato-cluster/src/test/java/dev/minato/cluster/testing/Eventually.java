package dev.minato.cluster.testing;

import java.time.Duration;
import java.util.concurrent.Callable;

/** Waits for what an emulated controller does after a change: its threads act asynchronously. */
public final class Eventually {

  private Eventually() {}

  /** Polls {@code condition} every 20 ms until it holds; fails after {@code limit}. */
  public static void within(Duration limit, String what, Callable<Boolean> condition) {
    long deadline = System.nanoTime() + limit.toNanos();
    Exception last = null;
    while (System.nanoTime() < deadline) {
      try {
        if (Boolean.TRUE.equals(condition.call())) {
          return;
        }
      } catch (Exception e) {
        last = e;
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted while waiting until " + what, e);
      }
    }
    throw new AssertionError("not within " + limit + ": " + what, last);
  }
}
