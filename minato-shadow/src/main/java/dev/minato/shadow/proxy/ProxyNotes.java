package dev.minato.shadow.proxy;

import dev.minato.shadow.report.RunNote;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What the proxy itself did, as notes beside the comparison's results: the requests it served, the
 * ones it did not mirror and why, the copies it dropped, and the primary's failures on every
 * request (the comparison sees only those it mirrored).
 */
public final class ProxyNotes {

  private ProxyNotes() {}

  public static List<RunNote> of(ShadowStatus s) {
    List<RunNote> notes = new ArrayList<>();
    notes.add(
        new RunNote(
            "proxied requests",
            s.requests(),
            List.of(
                "primary answered " + s.primaryAnswered(),
                String.format(java.util.Locale.ROOT, "in %.1f s", s.elapsedMillis() / 1000.0))));
    if (s.primaryFailures() > 0) {
      notes.add(
          new RunNote(
              "primary failures (clients got 502/504)",
              s.primaryFailures(),
              by(s.primaryFailed())));
    }
    long skipped = s.notMirrored().values().stream().mapToLong(Long::longValue).sum();
    if (skipped > 0) {
      notes.add(new RunNote("requests not mirrored", skipped, by(s.notMirrored())));
    }
    if (s.dropped() > 0) {
      List<String> why = new ArrayList<>();
      if (s.dropped() > s.droppedBusy()) {
        why.add("queue full: " + (s.dropped() - s.droppedBusy()));
      }
      if (s.droppedBusy() > 0) {
        why.add("copy's connections all busy: " + s.droppedBusy());
      }
      why.add("the candidate or secondary answered slower than requests arrived");
      notes.add(new RunNote("mirror copies dropped", s.dropped(), why));
    }
    if (s.mirrorsInFlight() > 0) {
      notes.add(new RunNote("mirror copies unfinished at the end", s.mirrorsInFlight(), List.of()));
    }
    long retried = s.staleRetries().values().stream().mapToLong(Long::longValue).sum();
    if (retried > 0) {
      notes.add(
          new RunNote(
              "requests retried on a new connection (kept-alive one closed by the upstream)",
              retried,
              by(s.staleRetries())));
    }
    if (s.clientAborted() > 0) {
      notes.add(new RunNote("clients gone before their answer", s.clientAborted(), List.of()));
    }
    return notes;
  }

  private static List<String> by(Map<String, Long> counts) {
    return counts.entrySet().stream()
        .filter(e -> e.getValue() > 0)
        .map(e -> e.getKey() + ": " + e.getValue())
        .toList();
  }
}
