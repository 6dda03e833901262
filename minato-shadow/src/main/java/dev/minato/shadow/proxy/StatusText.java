package dev.minato.shadow.proxy;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** The counts of a shadow run in words: the final report's first part, and the progress line. */
public final class StatusText {

  private StatusText() {}

  /** A multi-line summary of what the proxy did. */
  public static void render(ShadowStatus s, PrintWriter out) {
    out.printf(
        Locale.ROOT,
        "Proxy: %d requests in %.1f s; primary answered %d, failed %d%s%n",
        s.requests(),
        s.elapsedMillis() / 1000.0,
        s.primaryAnswered(),
        s.primaryFailures(),
        kinds(s.primaryFailed()));
    out.printf(
        Locale.ROOT,
        "Mirror: %d sent, %d dropped (queue full), %d compared, %d unfinished%n",
        s.mirrored(),
        s.dropped(),
        s.compared(),
        s.mirrorsInFlight());
    if (!s.notMirrored().isEmpty()) {
      out.println("Not mirrored:" + listing(s.notMirrored()));
    }
    if (!s.candidateFailed().isEmpty()) {
      out.println("Candidate failed:" + listing(s.candidateFailed()));
    }
    if (!s.secondaryFailed().isEmpty()) {
      out.println("Secondary failed:" + listing(s.secondaryFailed()));
    }
    if (s.clientAborted() > 0) {
      out.println("Clients that went away before their answer: " + s.clientAborted());
    }
  }

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

  private static String kinds(Map<String, Long> counts) {
    return counts.isEmpty() ? "" : " (" + listing(counts).strip() + ")";
  }

  private static String listing(Map<String, Long> counts) {
    return counts.entrySet().stream()
        .map(e -> e.getKey() + " " + e.getValue())
        .collect(Collectors.joining(", ", " ", ""));
  }
}
