package dev.minato.render.objects;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.minato.spec.App;
import dev.minato.spec.Expose;

/** The Ingress of a web app exposed by host name. */
final class IngressRenderer {

  private IngressRenderer() {}

  static ObjectNode render(App app, Expose expose) {
    ObjectNode ingress =
        Trees.header(
            "networking.k8s.io/v1",
            "Ingress",
            app.name(),
            Labels.of(app, Components.WEB),
            expose.annotations());
    ObjectNode body = ingress.putObject("spec");
    expose.ingressClass().ifPresent(c -> body.put("ingressClassName", c));
    String host = expose.host().orElseThrow();
    expose
        .tlsSecret()
        .ifPresent(
            secret -> {
              ObjectNode tls = body.putArray("tls").addObject();
              tls.putArray("hosts").add(host);
              tls.put("secretName", secret);
            });
    ObjectNode rule = body.putArray("rules").addObject().put("host", host);
    ArrayNode paths = rule.putObject("http").putArray("paths");
    for (String path : expose.paths()) {
      ObjectNode entry = paths.addObject().put("path", path).put("pathType", "Prefix");
      entry
          .putObject("backend")
          .putObject("service")
          .put("name", app.name())
          .putObject("port")
          .put("name", DeploymentRenderer.HTTP_PORT);
    }
    return ingress;
  }
}
