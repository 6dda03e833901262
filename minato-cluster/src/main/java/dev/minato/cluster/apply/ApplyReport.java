package dev.minato.cluster.apply;

import java.util.List;

/**
 * What an apply did (or, in a dry run, would do), object by object, in the order it happened.
 *
 * @param results one entry per input object, then one per pruned or skipped inventory entry
 * @param diff the per-object diff when asked for, else empty
 * @param notReady workloads still rolling out when the wait ended
 */
public record ApplyReport(List<ObjectResult> results, String diff, List<String> notReady) {

  public long count(Outcome outcome) {
    return results.stream().filter(r -> r.outcome() == outcome).count();
  }

  public boolean succeeded() {
    return count(Outcome.FAILED) == 0 && notReady.isEmpty();
  }
}
