package dev.minato.cli.load;

import dev.minato.load.engine.Progress;
import dev.minato.load.syntax.DurationFormat;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * The live one-line display on a terminal: elapsed time, rate, in flight, p50/p99 and errors of the
 * last second, rewritten in place. When output is piped it prints nothing.
 */
final class ProgressLine implements Consumer<Progress> {

  private final PrintWriter err;
  private final boolean enabled;
  private long errors;

  ProgressLine(PrintWriter err, boolean enabled) {
    this.err = err;
    this.enabled = enabled;
  }

  /** Enabled when a person is watching: a console is attached. */
  static ProgressLine forTerminal(PrintWriter err) {
    return new ProgressLine(err, System.console() != null);
  }

  @Override
  public synchronized void accept(Progress p) {
    errors += p.lastSecond().errors();
    if (!enabled) {
      return;
    }
    String line =
        String.format(
            Locale.ROOT,
            "%6.0fs  %8.0f/s  in flight %-5d  p50 %-8s  p99 %-8s  errors %d",
            p.elapsedSeconds(),
            p.lastSecond().rate(),
            p.inFlight(),
            DurationFormat.formatMicros(p.lastSecond().p50Micros()),
            DurationFormat.formatMicros(p.lastSecond().p99Micros()),
            errors);
    err.print("\r" + line + "\u001b[K");
    err.flush();
  }

  /** Clears the line before the report is printed. */
  synchronized void clear() {
    if (enabled) {
      err.print("\r\u001b[K");
      err.flush();
    }
  }
}
