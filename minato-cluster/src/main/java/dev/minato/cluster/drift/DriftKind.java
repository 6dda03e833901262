package dev.minato.cluster.drift;

import java.util.Locale;

/** How a live object departs from what the repository (or a backup) says. */
public enum DriftKind {
  /** Live, but some field differs: changed by hand, or by something other than minato. */
  CHANGED,
  /** In the repository, not in the cluster. */
  MISSING,
  /** In the cluster, in a namespace (or kind) the repository manages, but not in it. */
  EXTRA;

  public String word() {
    return name().toLowerCase(Locale.ROOT);
  }
}
