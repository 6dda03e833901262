package dev.minato.cluster.loadtest;

import dev.minato.load.store.ObjectStore;
import dev.minato.manifest.quantity.Quantity;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How the LoadTest controller runs.
 *
 * @param namespace the one namespace whose LoadTests it runs, or empty for every namespace
 * @param image the image of the shard pods (with {@code minato} on its PATH)
 * @param cpu each shard pod's CPU request
 * @param memory each shard pod's memory request and limit
 * @param startDelay how far in the future the shards' common start time is set when the Job is
 *     created: long enough for every pod to be scheduled, pull its image and start its JVM
 * @param startGrace how long after the start time a shard whose pod has not started counts as never
 *     started (and, after the planned end, a shard still running as hung)
 * @param webhook where the summary of every finished test is posted, if anywhere
 * @param reportStore the object store the reports are written to, if any (else, and when writing
 *     fails, a ConfigMap the LoadTest owns holds them)
 */
public record ControllerOptions(
    Optional<String> namespace,
    String image,
    Quantity cpu,
    Quantity memory,
    Duration startDelay,
    Duration startGrace,
    Optional<URI> webhook,
    Optional<ObjectStore> reportStore) {

  public ControllerOptions {
    Objects.requireNonNull(namespace, "namespace");
    Objects.requireNonNull(image, "image");
    Objects.requireNonNull(webhook, "webhook");
    Objects.requireNonNull(reportStore, "reportStore");
    if (startDelay.isNegative() || startGrace.isNegative()) {
      throw new IllegalArgumentException("delays must not be negative");
    }
  }
}
