package dev.minato.render.objects;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.minato.spec.App;
import dev.minato.spec.AppSpec;
import java.util.Map;

/** The HorizontalPodAutoscaler of an app whose replica count may grow (max > min). */
final class AutoscalerRenderer {

  private AutoscalerRenderer() {}

  static ObjectNode render(App app, AppSpec spec, String component) {
    ObjectNode hpa =
        Trees.header(
            "autoscaling/v2",
            "HorizontalPodAutoscaler",
            app.name(),
            Labels.of(app, component),
            Map.of());
    ObjectNode body = hpa.putObject("spec");
    body.putObject("scaleTargetRef")
        .put("apiVersion", "apps/v1")
        .put("kind", "Deployment")
        .put("name", app.name());
    body.put("minReplicas", spec.replicas().min());
    body.put("maxReplicas", spec.replicas().max());
    ObjectNode resource = body.putArray("metrics").addObject().put("type", "Resource");
    ObjectNode cpu = resource.putObject("resource").put("name", "cpu");
    cpu.putObject("target")
        .put("type", "Utilization")
        .put("averageUtilization", spec.replicas().cpuUtilization());
    return hpa;
  }
}
