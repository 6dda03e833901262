package dev.minato.render.objects;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.minato.spec.AppSpec;
import dev.minato.spec.Protocol;
import java.util.Map;

/**
 * What the serving port speaks, where the rendered objects say it: the port's name on the container
 * and the Service ({@code http}, {@code grpc} or {@code h2c}), the Service port's {@code
 * appProtocol}, and the Ingress annotation that makes ingress-nginx speak gRPC to it.
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

  /** The Ingress annotations the protocol needs; the spec reader refuses what it cannot serve. */
  static Map<String, String> ingressAnnotations(Protocol protocol) {
    return protocol == Protocol.GRPC ? Map.of(NGINX_BACKEND_PROTOCOL, "GRPC") : Map.of();
  }
}
