package dev.minato.cluster.apply;

/** What happened to one object. */
public enum Outcome {
  CREATED,
  CONFIGURED,
  UNCHANGED,
  PRUNED,
  /** Left alone on purpose (for example: in the inventory but not created by minato). */
  SKIPPED,
  FAILED;

  /** Lower-case word for reports. */
  public String word() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
