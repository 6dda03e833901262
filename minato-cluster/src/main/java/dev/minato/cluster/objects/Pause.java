package dev.minato.cluster.objects;

import dev.minato.cluster.connect.ClusterException;

/** The pause between two polls of the API server while waiting for a state. */
public final class Pause {

  private static final long MILLIS = 250;

  private Pause() {}

  public static void briefly() throws ClusterException {
    try {
      Thread.sleep(MILLIS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw ClusterException.environment("interrupted while waiting", e);
    }
  }
}
