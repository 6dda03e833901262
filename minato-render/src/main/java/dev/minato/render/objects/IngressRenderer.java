package dev.minato.render.objects;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.minato.spec.App;
import dev.minato.spec.AppSpec;
import dev.minato.spec.Expose;
import java.util.LinkedHashMap;
import java.util.Map;

/** The Ingress of a web app exposed by host name. */
final class IngressRenderer {

  private IngressRenderer() {}

  static ObjectNode render(App app, AppSpec spec) {
    Expose expose = spec.expose();
    ObjectNode ingress =
        Trees.header(
            "networking.k8s.io/v1",
            "Ingress",
            app.name(),
            Labels.of(app, Components.WEB),
            ingressAnnotations(spec, expose));
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
          .put("name", ServingProtocol.portName(spec));
    }
    return ingress;
  }

  /**
   * What the protocol needs the controller to know, then the spec's own annotations, which win: a
   * team that runs another controller version may spell the backend protocol its own way.
   */
  private static Map<String, String> ingressAnnotations(AppSpec spec, Expose expose) {
    Map<String, String> annotations =
        new LinkedHashMap<>(ServingProtocol.ingressAnnotations(spec.protocol()));
    annotations.putAll(expose.annotations());
    return annotations;
  }
}
