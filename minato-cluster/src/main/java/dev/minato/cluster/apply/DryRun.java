package dev.minato.cluster.apply;

/** {@code --dry-run} as kubectl spells it. */
public enum DryRun {
  /** Apply for real. */
  NONE,
  /**
   * Check locally: discovery, the inventory and ownership are read from the cluster, nothing is
   * sent for writing, not even as a dry run. Changes are judged by comparing the live object.
   */
  CLIENT,
  /** The server checks every request ({@code dryRun=All}) and stores nothing. */
  SERVER
}
