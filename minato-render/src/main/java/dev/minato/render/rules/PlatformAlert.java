package dev.minato.render.rules;

import java.time.Duration;
import java.util.List;

/**
 * An alert about how an app runs on the cluster (restarts, saturation, a stuck rollout, a failed
 * job), with the synthetic series that make it fire: the condition holds from {@code onset} on, so
 * the alert fires {@code firesAfter} later (its {@code for} plus the time the expression needs to
 * cross its threshold). Each aggregates by namespace, so an alert names the environment.
 *
 * @param series Prometheus test series, selector to expanding notation, sampled every minute
 */
public record PlatformAlert(
    String name,
    String expr,
    Duration holdFor,
    String summary,
    List<Series> series,
    Duration onset,
    Duration firesAfter) {

  /** One synthetic input series of a rule test. */
  public record Series(String selector, String values) {}

  /** When the alert is expected to fire in its test. */
  public Duration firesAt() {
    return onset.plus(firesAfter);
  }
}
