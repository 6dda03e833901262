package dev.minato.shadow.proxy;

import dev.minato.shadow.exchange.ExchangeSink;
import dev.minato.shadow.upstream.IoThreads;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A shadow proxy from start to its report: runs until a duration passes, a number of requests were
 * served, or {@link #stop} is called (Ctrl-C), then stops accepting, lets mirrored copies finish
 * within a grace period, and gives the final counts.
 */
public final class ShadowRun implements AutoCloseable {

  private final IoThreads threads;
  private final ShadowProxy proxy;
  private final CountDownLatch stopped = new CountDownLatch(1);

  private ShadowRun(IoThreads threads, ShadowProxy proxy) {
    this.threads = threads;
    this.proxy = proxy;
  }

  /**
   * Starts a proxy on {@code loops} event loops.
   *
   * @throws IOException when the listen address cannot be bound
   */
  public static ShadowRun start(ProxySettings settings, ExchangeSink sink, int loops)
      throws IOException {
    IoThreads threads = IoThreads.start(loops);
    try {
      return new ShadowRun(threads, ShadowProxy.start(settings, sink, threads));
    } catch (IOException | RuntimeException e) {
      threads.close();
      throw e;
    }
  }

  public ShadowProxy proxy() {
    return proxy;
  }

  /** Ends {@link #awaitEnd} early (Ctrl-C). */
  public void stop() {
    stopped.countDown();
  }

  /**
   * Blocks until {@code duration} has passed, {@code requests} requests have arrived, or {@link
   * #stop} was called, whichever comes first; with neither limit, until stopped.
   */
  public void awaitEnd(Optional<Duration> duration, OptionalLong requests)
      throws InterruptedException {
    long start = System.nanoTime();
    while (duration.isEmpty() || System.nanoTime() - start < duration.get().toNanos()) {
      if (requests.isPresent() && proxy.requests() >= requests.getAsLong()) {
        return;
      }
      long left =
          duration.map(d -> d.toNanos() - (System.nanoTime() - start)).orElse(Long.MAX_VALUE);
      if (stopped.await(
          Math.max(0, Math.min(left, TimeUnit.MILLISECONDS.toNanos(20))), TimeUnit.NANOSECONDS)) {
        return;
      }
    }
  }

  /**
   * Stops accepting connections and waits up to {@code grace} for mirrored copies in flight.
   *
   * @return the final counts
   */
  public ShadowStatus finish(Duration grace) throws InterruptedException {
    proxy.stopAccepting();
    proxy.awaitMirrors(grace);
    return proxy.status();
  }

  @Override
  public void close() {
    proxy.close();
    threads.close();
  }
}
