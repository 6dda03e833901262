package dev.minato.render.objects;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.minato.spec.AppSpec;
import dev.minato.spec.Protocol;
import java.util.Map;

/**
 * What the serving port speaks, where the rendered objects say it: the port's name on the container
 * and the Service ({@code http}, {@code grpc} or {@code h2c}), the Service port's {@code
 * appProtocol}, how probes ask the app, and the Ingress annotation that makes ingress-nginx speak
 * gRPC to it.
 */
final class ServingProtocol {

  /** ingress-nginx's annotation for the protocol it speaks to the backend Service. */
  static final String NGINX_BACKEND_PROTOCOL = "nginx.ingress.kubernetes.io/backend-protocol";

  private ServingProtocol() {}

  /** The serving port's name, on the container and the Service. */
  static String portName(AppSpec spec) {
    return spec.protocol().portName();
  }

  /** Adds {@code appProtocol} to a Service port of an HTTP/2 cleartext app. */
  static void appProtocol(ObjectNode servicePort, AppSpec spec) {
    spec.protocol().appProtocol().ifPresent(p -> servicePort.put("appProtocol", p));
  }

  /**
   * Sets what a probe asks: a gRPC app's standard health service on a port number (a gRPC probe
   * takes no port name), otherwise an HTTP GET of {@code path} on the named port. The kubelet's
   * {@code httpGet} speaks HTTP/1.1, so an h2c app must answer its probe paths over HTTP/1.1 too
   * (Go's h2c handler does), or name a health port.
   */
  static void probeAction(ObjectNode probe, AppSpec spec, String path, String portName) {
    if (spec.protocol() == Protocol.GRPC) {
      ObjectNode grpc = probe.putObject("grpc");
      grpc.put("port", spec.health().port().orElse(spec.port().orElseThrow()));
      spec.health().grpcService().ifPresent(s -> grpc.put("service", s));
    } else {
      probe.putObject("httpGet").put("path", path).put("port", portName);
    }
  }

  /** The Ingress annotations the protocol needs; the spec reader refuses what it cannot serve. */
  static Map<String, String> ingressAnnotations(Protocol protocol) {
    return protocol == Protocol.GRPC ? Map.of(NGINX_BACKEND_PROTOCOL, "GRPC") : Map.of();
  }
}
