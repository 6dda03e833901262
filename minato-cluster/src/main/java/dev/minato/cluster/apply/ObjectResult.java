package dev.minato.cluster.apply;

import dev.minato.manifest.ObjectKey;

/** The outcome for one object and, when there is something to say, why. */
public record ObjectResult(ObjectKey key, Outcome outcome, String note) {

  public static ObjectResult of(ObjectKey key, Outcome outcome) {
    return new ObjectResult(key, outcome, "");
  }
}
