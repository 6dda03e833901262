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
              double measured = slo.metric().measure(results);
              return new Verdict(slo, measured, slo.comparison().holds(measured, slo.required()));
            })
        .toList();
  }

  public static boolean allPassed(List<Verdict> verdicts) {
    return verdicts.stream().allMatch(Verdict::passed);
  }

  /** {@code PASS p99<250ms: measured 12.3ms, required < 250ms}. */
  public String describe() {
    return (passed ? "PASS " : "FAIL ")
        + slo.text()
        + ": measured "
        + slo.metric().format(measured)
        + ", required "
        + slo.comparison().symbol()
        + " "
        + slo.metric().format(slo.required());
  }
}
