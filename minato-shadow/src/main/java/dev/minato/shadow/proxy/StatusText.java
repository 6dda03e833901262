package dev.minato.shadow.proxy;

import java.util.Locale;

/** The counts of a shadow run as one line for a terminal's progress display. */
public final class StatusText {

  private StatusText() {}

  /** One line for a terminal, rewritten each second. */
  public static String line(ShadowStatus s, long requestsLastSecond) {
    return String.format(
        Locale.ROOT,
        "%6.0fs  %7d/s  requests %-9d mirrored %-9d dropped %-7d compared %-9d failures %d/%d",
        s.elapsedMillis() / 1000.0,
        requestsLastSecond,
        s.requests(),
        s.mirrored(),
        s.dropped(),
        s.compared(),
        s.primaryFailures(),
        s.candidateFailed().values().stream().mapToLong(Long::longValue).sum());
  }
}
