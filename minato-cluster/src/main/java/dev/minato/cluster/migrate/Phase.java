package dev.minato.cluster.migrate;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The phases of a migration, in order; each is verified before the next starts. */
public enum Phase {
  /** Copy supporting objects and duplicate-ok resources to the target; wait until ready there. */
  COPY,
  /** Stop downtime-ok workloads on the source; wait until none of their pods runs. */
  STOP,
  /** Create downtime-ok resources on the target; wait until ready there. */
  CREATE,
  /** Only on request: delete the migrated objects from the source. */
  REMOVE;

  public String word() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<Phase> parse(String word) {
    return Arrays.stream(values()).filter(p -> p.word().equals(word)).findFirst();
  }
}
