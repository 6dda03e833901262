package dev.minato.spec;

import java.util.Optional;
import java.util.OptionalInt;

/**
 * How the platform asks a container whether it is alive and ready. {@code port} is the separate
 * health port the spec named, empty when the probes use the app's own port, which is the point: a
 * probe that stops at a proxy in front of the app proves nothing about the app.
 *
 * @param liveness empty for a container that declared no health checks (a worker without {@code
 *     health})
 * @param readiness empty when the container serves nothing and asked for none
 * @param startupSeconds the start-up budget; 0 means no startup probe
 * @param grpcService the service a gRPC app's probes and load-balancer checks ask {@code
 *     grpc.health.v1.Health/Check} about; empty asks about the server as a whole
 */
public record Health(
    Optional<Probe> liveness, Optional<Probe> readiness, int startupSeconds, OptionalInt port) {

  /** The shortest interval between start-up checks; a faster one only costs the kubelet work. */
  public static final int STARTUP_PERIOD_SECONDS = 5;

  /** No probes at all. */
  public static Health none() {
    return new Health(Optional.empty(), Optional.empty(), 0, OptionalInt.empty());
  }

  /**
   * The startup probe covering the start-up budget: the liveness check, repeated until the budget
   * is used up. Liveness only starts once it passed, so a slow start is never killed. Its period
   * stays above the check's timeout, as Kubernetes requires.
   */
  public Optional<Probe> startup() {
    if (startupSeconds <= 0) {
      return Optional.empty();
    }
    return liveness.map(
        l -> {
          int period = Math.max(STARTUP_PERIOD_SECONDS, l.timeoutSeconds() + 1);
          int attempts = Math.max(1, (startupSeconds + period - 1) / period);
          return new Probe(l.check(), period, l.timeoutSeconds(), attempts, 1);
        });
  }

  /**
   * The service a gRPC check asks {@code grpc.health.v1.Health/Check} about (readiness first, as
   * load balancers check readiness); empty for the server as a whole or a check that is not gRPC.
   */
  public Optional<String> grpcService() {
    return readiness
        .or(() -> liveness)
        .map(Probe::check)
        .filter(c -> c instanceof Probe.Grpc)
        .flatMap(c -> ((Probe.Grpc) c).service());
  }

  /** The readiness check's HTTP path when readiness is an HTTP GET on {@code port}. */
  public Optional<String> readinessPath(int port) {
    return readiness
        .map(Probe::check)
        .filter(c -> c instanceof Probe.HttpGet get && get.port() == port)
        .map(c -> ((Probe.HttpGet) c).path());
  }
}
