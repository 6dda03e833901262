package dev.minato.spec;

/**
 * Whether a workload may briefly run in two clusters at once while it moves between them. Rendered
 * as the label {@code minato.dev/migration-policy} on every workload.
 */
public enum MigrationPolicy {
  /** Stateless: start it in the target first, then remove it from the source. */
  DUPLICATE_OK("duplicate-ok"),
  /** Must never run twice (a daily ETL, a notifier): stop it first and accept a gap. */
  DOWNTIME_OK("downtime-ok");

  public static final String LABEL = "minato.dev/migration-policy";

  private final String spelling;

  MigrationPolicy(String spelling) {
    this.spelling = spelling;
  }

  public String spelling() {
    return spelling;
  }
}
