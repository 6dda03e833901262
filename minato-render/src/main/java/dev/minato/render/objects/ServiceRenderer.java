package dev.minato.render.objects;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.minato.spec.App;
import dev.minato.spec.AppSpec;
import dev.minato.spec.Expose;
import java.util.Map;

/**
 * The Service in front of a web app: ClusterIP, NodePort for an external load balancer, or
 * LoadBalancer for the cloud's. It carries the serving port and nothing else.
 */
final class ServiceRenderer {

  static final int SERVICE_PORT = 80;

  private ServiceRenderer() {}

  static ObjectNode render(App app, AppSpec spec) {
    Expose expose = spec.expose();
    // The annotations belong to the object that exposes the app: the Ingress when there is one.
    Map<String, String> annotations =
        expose.type() == Expose.Type.INGRESS ? Map.of() : expose.annotations();
    ObjectNode service =
        Trees.header("v1", "Service", app.name(), Labels.of(app, Components.WEB), annotations);
    ObjectNode body = service.putObject("spec");
    body.put("type", expose.type() == Expose.Type.INGRESS ? "ClusterIP" : expose.type().spelling());
    body.set("selector", Trees.map(Labels.selector(app, Components.WEB)));
    // Only the serving port: whatever else the app listens on is on the internal Service, so a
    // NodePort or a cloud load balancer never opens a metrics or management port to the outside.
    ArrayNode ports = body.putArray("ports");
    ObjectNode http =
        ports
            .addObject()
            .put("name", ServingProtocol.portName(spec))
            .put("port", SERVICE_PORT)
            .put("targetPort", ServingProtocol.portName(spec))
            .put("protocol", "TCP");
    ServingProtocol.appProtocol(http, spec);
    if (expose.type() == Expose.Type.NODE_PORT) {
      expose.nodePort().ifPresent(p -> http.put("nodePort", p));
    }
    if (expose.externalService()) {
      body.put("externalTrafficPolicy", expose.externalTrafficPolicy().spelling());
    }
    if (!expose.sourceRanges().isEmpty()) {
      body.set("loadBalancerSourceRanges", Trees.strings(expose.sourceRanges()));
    }
    return service;
  }
}
