package dev.minato.load.slo;

import dev.minato.load.stats.RequestResults;
import dev.minato.load.stats.Results;
import java.util.List;
import java.util.Optional;

/**
 * How a run fared against one SLO: what was measured, what was required, and whether it held.
 *
 * @param timedOut when the measured latency may be only a lower bound, the timed-out requests that
 *     make it so (they count at the time they were given up, their real latency unknown); else 0
 */
public record Verdict(Slo slo, double measured, long timedOut, boolean passed) {

  /** Evaluates every SLO on {@code results}, in the given order. */
  public static List<Verdict> evaluate(List<Slo> slos, Results results) {
    return slos.stream().map(slo -> of(slo, results)).toList();
  }

  private static Verdict of(Slo slo, Results results) {
    double measured;
    long timedOut;
    if (slo.request().isEmpty()) {
      measured = slo.metric().measure(results);
      timedOut = slo.metric().timedOutBelow(measured, results);
    } else {
      // A request the results do not hold (an older shard log) has nothing to measure.
      Optional<RequestResults> request = results.request(slo.request().get());
      measured = request.map(r -> slo.metric().measure(r, results.seconds())).orElse(Double.NaN);
      timedOut = request.map(r -> slo.metric().timedOutBelow(measured, r, results)).orElse(0L);
    }
    if (Double.isNaN(measured)) {
      // Nothing measured (no responses for a latency gate) never meets a requirement.
      return new Verdict(slo, measured, 0, false);
    }
    // A lower bound meets only a lower limit: 'max<300ms' cannot pass while requests time out,
    // whatever the timeout.
    boolean passed =
        slo.comparison().holds(measured, slo.required())
            && (timedOut == 0 || slo.comparison().boundsFromBelow());
    return new Verdict(slo, measured, timedOut, passed);
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
