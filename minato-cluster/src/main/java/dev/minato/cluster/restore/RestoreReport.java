package dev.minato.cluster.restore;

import java.util.List;

/** Every object of a restore, in the order it was restored. */
public record RestoreReport(List<RestoredObject> objects, boolean dryRun) {

  public long count(RestoreOutcome outcome) {
    return objects.stream().filter(o -> o.outcome() == outcome).count();
  }

  public String summary() {
    return count(RestoreOutcome.CREATED)
        + " created, "
        + count(RestoreOutcome.UNCHANGED)
        + " unchanged, "
        + count(RestoreOutcome.UPDATED)
        + " updated, "
        + count(RestoreOutcome.FAILED)
        + " failed"
        + (dryRun ? " (dry run: nothing was stored)" : "");
  }
}
