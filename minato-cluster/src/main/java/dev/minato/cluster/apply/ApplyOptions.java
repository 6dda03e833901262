package dev.minato.cluster.apply;

import java.time.Duration;
import java.util.Optional;

/**
 * How to apply.
 *
 * @param dryRun server-side dry run: the server checks and answers, nothing is stored
 * @param diff compute the change object by object (implies nothing is stored)
 * @param prune delete objects minato created for this inventory that left the input
 * @param inventory the name of the set of objects this apply owns
 * @param inventoryNamespace where the inventory ConfigMap lives
 * @param defaultNamespace the namespace of namespaced objects that name none
 * @param rolloutTimeout how long to wait for rollouts, empty for not waiting
 */
public record ApplyOptions(
    boolean dryRun,
    boolean diff,
    boolean prune,
    String inventory,
    String inventoryNamespace,
    String defaultNamespace,
    Optional<Duration> rolloutTimeout) {

  /** Whether the server must keep nothing. */
  public boolean storesNothing() {
    return dryRun || diff;
  }
}
