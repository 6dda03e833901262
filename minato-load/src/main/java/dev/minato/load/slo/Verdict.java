package dev.minato.load.slo;

import dev.minato.load.stats.Results;
import java.util.List;

/** How a run fared against one SLO: what was measured, what was required, and whether it held. */
public record Verdict(Slo slo, double measured, boolean passed) {

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
              // Nothing measured (no responses for a latency gate) never meets a requirement.
              boolean passed =
                  !Double.isNaN(measured) && slo.comparison().holds(measured, slo.required());
              return new Verdict(slo, measured, passed);
            })
        .toList();
  }

  public static boolean allPassed(List<Verdict> verdicts) {
    return verdicts.stream().allMatch(Verdict::passed);
  }

  /** The measured value as a person reads it, or that there was nothing to measure. */
  public String measuredText() {
    return Double.isNaN(measured) ? "nothing (no responses)" : slo.metric().format(measured);
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
