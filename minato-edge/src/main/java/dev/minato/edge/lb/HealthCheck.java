package dev.minato.edge.lb;

import java.time.Duration;
import java.util.Optional;

/**
 * How the load balancer decides a member is healthy. With a {@code path} it is an HTTP check
 * through the NodePort (any 2xx or 3xx is healthy); for a gRPC backend that path is {@link
 * #GRPC_HEALTH_PATH} and the member is healthy when it answers SERVING for {@code grpcService}
 * (empty: the server as a whole). Without a path it only opens a TCP connection. A member is taken
 * out after {@code fall} failures and back in after {@code rise} successes.
 */
public record HealthCheck(
    Optional<String> path, Duration interval, int rise, int fall, Optional<String> grpcService) {

  /** The method of the standard gRPC health service (grpc.health.v1). */
  public static final String GRPC_HEALTH_PATH = "/grpc.health.v1.Health/Check";

  /** An HTTP (or TCP) check. */
  public HealthCheck(Optional<String> path, Duration interval, int rise, int fall) {
    this(path, interval, rise, fall, Optional.empty());
  }

  /** How long a dead member keeps receiving traffic at most: interval × fall. */
  public Duration detection() {
    return interval.multipliedBy(fall);
  }
}
