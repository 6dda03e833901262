package dev.minato.edge.lb;

import java.time.Duration;
import java.util.Optional;

/**
 * How the load balancer decides a member is healthy. With a {@code path} it is an HTTP check
 * through the NodePort (any 2xx or 3xx is healthy); without one it only opens a TCP connection. A
 * member is taken out after {@code fall} failures and back in after {@code rise} successes.
 */
public record HealthCheck(Optional<String> path, Duration interval, int rise, int fall) {

  /** How long a dead member keeps receiving traffic at most: interval × fall. */
  public Duration detection() {
    return interval.multipliedBy(fall);
  }
}
