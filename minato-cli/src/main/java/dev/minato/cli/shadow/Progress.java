package dev.minato.cli.shadow;

import java.io.PrintWriter;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The live line on a terminal, rewritten each second from {@code line} (a shadow run's counts, a
 * replay's). When output is piped it prints nothing, like {@code minato load}'s progress.
 */
public final class Progress {

  private final Supplier<String> line;
  private final PrintWriter err;
  private final boolean enabled;
  private ScheduledExecutorService timer;

  /** A progress line on {@code err}, shown only when a console is attached. */
  public static Progress onTerminal(Supplier<String> line, PrintWriter err) {
    return new Progress(line, err, System.console() != null);
  }

  Progress(Supplier<String> line, PrintWriter err, boolean enabled) {
    this.line = line;
    this.err = err;
    this.enabled = enabled;
  }

  public synchronized void start() {
    if (!enabled) {
      return;
    }
    timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "minato-progress");
              t.setDaemon(true);
              return t;
            });
    timer.scheduleAtFixedRate(this::print, 1, 1, TimeUnit.SECONDS);
  }

  private synchronized void print() {
    err.print("\r" + line.get() + "\u001b[K");
    err.flush();
  }

  /** Stops and clears the line before the report. */
  public synchronized void stop() {
    if (timer != null) {
      timer.shutdownNow();
      timer = null;
      err.print("\r\u001b[K");
      err.flush();
    }
  }
}
