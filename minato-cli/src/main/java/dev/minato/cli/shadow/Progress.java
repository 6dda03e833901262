package dev.minato.cli.shadow;

import dev.minato.shadow.proxy.ShadowStatus;
import dev.minato.shadow.proxy.StatusText;
import java.io.PrintWriter;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The live line on a terminal, rewritten each second: requests and their rate, copies mirrored,
 * dropped and compared, failures. When output is piped it prints nothing.
 */
final class Progress {

  private final Supplier<ShadowStatus> status;
  private final PrintWriter err;
  private final boolean enabled;
  private ScheduledExecutorService timer;
  private long lastRequests;

  Progress(Supplier<ShadowStatus> status, PrintWriter err, boolean enabled) {
    this.status = status;
    this.err = err;
    this.enabled = enabled;
  }

  synchronized void start() {
    if (!enabled) {
      return;
    }
    timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "minato-shadow-progress");
              t.setDaemon(true);
              return t;
            });
    timer.scheduleAtFixedRate(this::print, 1, 1, TimeUnit.SECONDS);
  }

  private synchronized void print() {
    ShadowStatus now = status.get();
    err.print("\r" + StatusText.line(now, now.requests() - lastRequests) + "\u001b[K");
    err.flush();
    lastRequests = now.requests();
  }

  /** Stops and clears the line before the report. */
  synchronized void stop() {
    if (timer != null) {
      timer.shutdownNow();
      timer = null;
      err.print("\r\u001b[K");
      err.flush();
    }
  }
}
