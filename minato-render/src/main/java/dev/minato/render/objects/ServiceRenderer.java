package dev.minato.render.objects;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.minato.spec.App;
import dev.minato.spec.AppSpec;
import dev.minato.spec.Expose;
import java.util.Map;

/** The Service in front of a web app: ClusterIP, or NodePort for an external load balancer. */
final class ServiceRenderer {

  static final int SERVICE_PORT = 80;

  private ServiceRenderer() {}

  static ObjectNode render(App app, AppSpec spec) {
    ObjectNode service =
        Trees.header("v1", "Service", app.name(), Labels.of(app, Components.WEB), Map.of());
    ObjectNode body = service.putObject("spec");
    Expose expose = spec.expose();
    boolean nodePort = expose.type() == Expose.Type.NODE_PORT;
    body.put("type", nodePort ? "NodePort" : "ClusterIP");
    body.set("selector", Trees.map(Labels.selector(app, Components.WEB)));
    ArrayNode ports = body.putArray("ports");
    ObjectNode http =
        ports
            .addObject()
            .put("name", ServingProtocol.portName(spec))
            .put("port", SERVICE_PORT)
            .put("targetPort", ServingProtocol.portName(spec))
            .put("protocol", "TCP");
    ServingProtocol.appProtocol(http, spec);
    if (nodePort) {
      expose.nodePort().ifPresent(p -> http.put("nodePort", p));
      body.put("externalTrafficPolicy", expose.externalTrafficPolicy().spelling());
    }
    int appPort = spec.port().orElseThrow();
    spec.metrics()
        .filter(m -> m.serviceMonitor() && m.port() != appPort)
        .ifPresent(
            m ->
                ports
                    .addObject()
                    .put("name", DeploymentRenderer.METRICS_PORT)
                    .put("port", m.port())
                    .put("targetPort", DeploymentRenderer.METRICS_PORT)
                    .put("protocol", "TCP"));
    return service;
  }
}
