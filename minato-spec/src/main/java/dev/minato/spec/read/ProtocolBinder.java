package dev.minato.spec.read;

import dev.minato.spec.Expose;
import dev.minato.spec.Metrics;
import dev.minato.spec.Patch;
import dev.minato.spec.Protocol;
import dev.minato.spec.WorkloadType;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Reads {@code spec.protocol} and what depends on it: where a gRPC app's metrics and load-balancer
 * check may go, and whether its Ingress can reach it over HTTP/2. (The gRPC probes themselves are
 * {@link HealthBinder}'s: {@code protocol: grpc} only changes their default type.)
 */
final class ProtocolBinder {

  /** The one Ingress controller whose backend-protocol annotation minato writes. */
  static final String NGINX_CLASS = "nginx";

  private ProtocolBinder() {}

  static Protocol protocol(Section spec, WorkloadType type) {
    Protocol protocol =
        spec.choice("protocol", SpecBinder.spellings(Protocol.values(), Protocol::spelling))
            .orElse(Protocol.HTTP);
    if (protocol != Protocol.HTTP && type != WorkloadType.WEB) {
      spec.error(
          "protocol",
          "protocol "
              + protocol.spelling()
              + " describes the serving port, and a "
              + type.spelling()
              + " has none (spec.port)");
    }
    return protocol;
  }

  /** {@code expose.checkPath} is an HTTP path; a gRPC app is checked through its health service. */
  static void checkPath(Section spec, Expose expose, Protocol protocol) {
    if (protocol == Protocol.GRPC && expose.checkPath().isPresent()) {
      spec.error(
          "protocol",
          "expose.checkPath is an HTTP path, but a gRPC app is checked with"
              + " grpc.health.v1.Health/Check; remove checkPath (name a service with"
              + " health.grpcService)");
    }
  }

  /**
   * Prometheus scrapes over HTTP/1.1, and a port declared HTTP/2 cleartext (its Service port says
   * {@code kubernetes.io/h2c}) is not the place for it: metrics need a port of their own.
   */
  static void metrics(
      Section spec, Optional<Metrics> metrics, Protocol protocol, OptionalInt port) {
    if (protocol.http2()
        && metrics.isPresent()
        && port.isPresent()
        && metrics.get().port() == port.getAsInt()) {
      spec.error(
          "metrics",
          "Prometheus scrapes over HTTP/1.1, but port "
              + port.getAsInt()
              + " speaks "
              + protocol.spelling()
              + "; serve metrics on a port of their own and set metrics.port, e.g. 9090");
    }
  }

  /**
   * An Ingress controller speaks HTTP/1.1 to its backends unless told otherwise, and how it is told
   * differs by controller. minato writes ingress-nginx's annotation; for any other class the user
   * adds their controller's annotation with a patch on the Ingress, or the app would get 502s.
   */
  static void ingress(Section spec, Expose expose, Protocol protocol, List<Patch> patches) {
    if (!protocol.http2() || expose.type() != Expose.Type.INGRESS) {
      return;
    }
    if (protocol == Protocol.H2C) {
      if (!patchesIngress(patches)) {
        spec.error(
            "protocol",
            "an Ingress controller must be told to speak HTTP/2 cleartext to an h2c app, and"
                + " ingress-nginx cannot (its backend-protocol has GRPC but no H2C); add your"
                + " controller's annotation with spec.patches (target: {kind: Ingress}), or use"
                + " expose.type: NodePort behind the external load balancer");
      }
      return;
    }
    boolean nginx = expose.ingressClass().map(NGINX_CLASS::equals).orElse(false);
    if (!nginx && !patchesIngress(patches)) {
      spec.error(
          "protocol",
          "a gRPC app behind an Ingress needs the controller's backend-protocol annotation;"
              + " minato writes ingress-nginx's: set expose.ingressClass: nginx, or add your"
              + " controller's annotation with spec.patches (target: {kind: Ingress})");
    }
  }

  private static boolean patchesIngress(List<Patch> patches) {
    return patches.stream().anyMatch(p -> p.kind().equals("Ingress"));
  }
}
