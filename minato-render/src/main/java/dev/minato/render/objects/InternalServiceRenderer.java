package dev.minato.render.objects;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.minato.spec.App;
import dev.minato.spec.AppSpec;
import dev.minato.spec.Expose;
import dev.minato.spec.ExtraPort;
import java.util.Map;
import java.util.Optional;

/**
 * The cluster-internal Service of a web app, {@code <app>-internal}: always ClusterIP, it carries
 * the ports that must not leave the cluster (the metrics port a ServiceMonitor scrapes, the spec's
 * extra ports), whatever way the app itself is exposed.
 */
final class InternalServiceRenderer {

  /** Tells the internal Service from the app's own, which has the same selector. */
  static final String ROLE_LABEL = "minato.dev/service";

  static final String ROLE = "internal";

  private InternalServiceRenderer() {}

  static String name(App app) {
    return app.name() + Expose.INTERNAL_SERVICE_SUFFIX;
  }

  /** The labels that select the internal Service (and not the app's exposed one). */
  static Map<String, String> selector(App app) {
    Map<String, String> labels = Labels.selector(app, Components.WEB);
    labels.put(ROLE_LABEL, ROLE);
    return labels;
  }

  /** The internal Service, or empty when the app has no port besides its serving port. */
  static Optional<ObjectNode> render(App app, AppSpec spec) {
    ArrayNode ports = Trees.array();
    int appPort = spec.port().orElseThrow();
    spec.metrics()
        .filter(m -> m.serviceMonitor())
        .ifPresent(
            m ->
                ports
                    .addObject()
                    .put("name", DeploymentRenderer.METRICS_PORT)
                    .put("port", m.port())
                    .put(
                        "targetPort",
                        m.port() == appPort
                            ? DeploymentRenderer.HTTP_PORT
                            : DeploymentRenderer.METRICS_PORT)
                    .put("protocol", "TCP"));
    for (ExtraPort extra : spec.ports()) {
      ObjectNode port =
          ports
              .addObject()
              .put("name", extra.name())
              .put("port", extra.port())
              .put("targetPort", extra.name())
              .put("protocol", extra.protocol().spelling());
      extra.appProtocol().ifPresent(p -> port.put("appProtocol", p));
    }
    if (ports.isEmpty()) {
      return Optional.empty();
    }
    Map<String, String> labels = Labels.of(app, Components.WEB);
    labels.put(ROLE_LABEL, ROLE);
    ObjectNode service = Trees.header("v1", "Service", name(app), labels, Map.of());
    ObjectNode body = service.putObject("spec");
    body.put("type", "ClusterIP");
    body.set("selector", Trees.map(Labels.selector(app, Components.WEB)));
    body.set("ports", ports);
    return Optional.of(service);
  }
}
