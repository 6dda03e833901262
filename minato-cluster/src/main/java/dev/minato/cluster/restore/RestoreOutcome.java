package dev.minato.cluster.restore;

import java.util.Locale;

/** What restoring one object did (or, in a dry run, would do). */
public enum RestoreOutcome {
  CREATED,
  UNCHANGED,
  UPDATED,
  FAILED;

  public String word() {
    return name().toLowerCase(Locale.ROOT);
  }
}
