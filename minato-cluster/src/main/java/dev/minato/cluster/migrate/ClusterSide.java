package dev.minato.cluster.migrate;

import dev.minato.cluster.connect.ClusterException;
import dev.minato.cluster.connect.ClusterIdentity;
import dev.minato.cluster.connect.ClusterSession;
import dev.minato.cluster.connect.ResourceCatalog;
import dev.minato.cluster.objects.LiveObjects;

/**
 * One of the two clusters of a migration: its name for messages, which cluster it is, and how to
 * reach its objects.
 */
public record ClusterSide(
    String name, ClusterIdentity identity, LiveObjects live, ResourceCatalog catalog) {

  /** The side reached through {@code session}, named {@code name} (its context) in messages. */
  public static ClusterSide of(String name, ClusterSession session) throws ClusterException {
    return new ClusterSide(name, session.identity(), session.live(), session.catalog());
  }
}
