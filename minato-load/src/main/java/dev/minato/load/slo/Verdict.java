package dev.minato.load.slo;

import dev.minato.load.stats.Results;
import java.util.List;

/**
 * How a run fared against one SLO: what was measured, what was required, and whether it held.
 *
 * @param timedOut when the measured latency may be only a lower bound, the timed-out requests that
 *     make it so (they count at the time they were given up, their real latency unknown); else 0
 */
public record Verdict(Slo slo, double measured, long timedOut, boolean passed) {

  /** Evaluates every SLO on {@code results}, in the given order. */
  public static List<Verdict> evaluate(List<Slo> slos, Results results) {
    return slos.stream()
        .map(
            slo -> {
              // A request the results do not hold (an older shard log) has nothing to measure.
              double measured =
                  slo.request().isEmpty()
                      ? slo.metric().measure(results)
                      : results
                          .request(slo.request().get())
                          .map(r -> slo.metric().measure(r, results.seconds()))
                          .orElse(Double.NaN);
              long timedOut =
                  Double.isNaN(measured)
                      ? 0
                      : slo.request().isEmpty()
                          ? slo.metric().timedOutBelow(measured, results)
                          : results
                              .request(slo.request().get())
                              .map(r -> slo.metric().timedOutBelow(measured, r, results))
                              .orElse(0L);
              // Nothing measured (no responses for a latency gate) never meets a requirement, and
              // a lower bound meets only a lower limit: 'max<300ms' cannot pass while requests
              // time out, whatever the timeout.
              boolean passed =
                  !Double.isNaN(measured)
                      && slo.comparison().holds(measured, slo.required())
                      && (timedOut == 0 || slo.comparison().boundsFromBelow());
              return new Verdict(slo, measured, timedOut, passed);
            })
        .toList();
  }

  public static boolean allPassed(List<Verdict> verdicts) {
    return verdicts.stream().allMatch(Verdict::passed);
  }

  /** The measured value as a person reads it, or that there was nothing to measure. */
  public String measuredText() {
    if (Double.isNaN(measured)) {
      return "nothing (no responses)";
    }
    if (timedOut > 0) {
      return "at least "
          + slo.metric().format(measured)
          + " ("
          + timedOut
          + (timedOut == 1 ? " request" : " requests")
          + " timed out; their latency is unknown beyond that)";
    }
    return slo.metric().format(measured);
  }

  /** {@code PASS p99<250ms: measured 12.3ms, required < 250ms}. */
  public String describe() {
    return (passed ? "PASS " : "FAIL ")
        + slo.text()
        + ": measured "
        + measuredText()
        + ", required "
        + slo.comparison().symbol()
        + " "
        + slo.metric().format(slo.required());
  }
}
