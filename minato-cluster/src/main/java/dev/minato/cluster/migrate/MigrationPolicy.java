package dev.minato.cluster.migrate;

import java.util.Arrays;
import java.util.Optional;

/**
 * What a resource tolerates while it moves between clusters, from its label {@code
 * minato.dev/migration-policy}.
 */
public enum MigrationPolicy {
  /** It may briefly run in both clusters: copy it first, remove the old one last. */
  DUPLICATE_OK("duplicate-ok"),
  /** It must never run twice: stop it on the source first, accept a gap, then start it. */
  DOWNTIME_OK("downtime-ok");

  public static final String LABEL = "minato.dev/migration-policy";

  private final String label;

  MigrationPolicy(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }

  public static Optional<MigrationPolicy> parse(String value) {
    return Arrays.stream(values()).filter(p -> p.label.equals(value)).findFirst();
  }
}
