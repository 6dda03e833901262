package dev.minato.render.objects;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.minato.spec.App;
import dev.minato.spec.AppSpec;
import dev.minato.spec.PlatformMonitoring;
import dev.minato.spec.Volume;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The StatefulSet of a {@code type: stateful} app and the headless Service that gives each member a
 * stable DNS name ({@code <app>-0.<app>-headless}). The pod template is the one a Deployment of the
 * same spec would have, so both kinds of workload run the same pods; each member also gets its own
 * claim for every {@code volumeClaimTemplate} volume.
 */
final class StatefulSetRenderer {

  /** Fields of a Deployment's spec that a StatefulSet does not have. */
  private static final Set<String> DEPLOYMENT_ONLY = Set.of("strategy", "progressDeadlineSeconds");

  private StatefulSetRenderer() {}

  static String headlessName(App app) {
    return app.name() + "-headless";
  }

  static ObjectNode render(
      App app, AppSpec spec, Optional<ConfigFiles> config, PlatformMonitoring monitoring) {
    ObjectNode deployment = DeploymentRenderer.render(app, spec, config, monitoring);
    ObjectNode statefulSet = Trees.object().put("apiVersion", "apps/v1").put("kind", "StatefulSet");
    statefulSet.set("metadata", deployment.get("metadata"));
    ObjectNode body = statefulSet.putObject("spec");
    body.put("serviceName", headlessName(app));
    for (Iterator<Map.Entry<String, JsonNode>> it = deployment.get("spec").fields();
        it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      if (DEPLOYMENT_ONLY.contains(field.getKey())) {
        continue;
      }
      if (field.getKey().equals("template")) {
        // Members start and stop one at a time, in order: a member joining a cluster of peers
        // finds the lower ordinals running. Updates roll from the highest ordinal down.
        body.put("podManagementPolicy", "OrderedReady");
        body.putObject("updateStrategy").put("type", "RollingUpdate");
        mountClaims(app, spec, (ObjectNode) field.getValue());
      }
      body.set(field.getKey(), field.getValue());
    }
    // Only the labels that never change: the API server refuses any later change to a claim
    // template, so a new team label would make every apply fail.
    ArrayNode claims =
        SpecVolumes.claimTemplates(spec, Labels.selector(app, DeploymentRenderer.component(spec)));
    if (!claims.isEmpty()) {
      body.set("volumeClaimTemplates", claims);
    }
    return statefulSet;
  }

  /** The app container mounts each claim template; the controller adds the pod volumes. */
  private static void mountClaims(App app, AppSpec spec, ObjectNode template) {
    for (JsonNode container : template.path("spec").path("containers")) {
      if (container.path("name").asText().equals(app.name())) {
        ArrayNode mounts = (ArrayNode) container.get("volumeMounts");
        for (Volume volume : SpecVolumes.claimTemplateVolumes(spec)) {
          mounts.add(SpecVolumes.mount(volume));
        }
      }
    }
  }

  /**
   * The governing Service of the StatefulSet: {@code clusterIP: None}, so DNS answers with the
   * members' own addresses. {@code publishNotReadyAddresses} stays false: the names are also how
   * clients reach a member, and a member that is not ready must not get traffic. Peers that must
   * find each other before they are ready (a database bootstrapping its cluster) can patch it.
   */
  static ObjectNode headlessService(App app, AppSpec spec) {
    String component = DeploymentRenderer.component(spec);
    ObjectNode service =
        Trees.header("v1", "Service", headlessName(app), Labels.of(app, component), Map.of());
    ObjectNode body = service.putObject("spec");
    body.put("clusterIP", "None");
    body.put("publishNotReadyAddresses", false);
    body.set("selector", Trees.map(Labels.selector(app, component)));
    spec.port()
        .ifPresent(
            port -> {
              ObjectNode servicePort =
                  body.putArray("ports")
                      .addObject()
                      .put("name", ServingProtocol.portName(spec))
                      .put("port", port)
                      .put("targetPort", ServingProtocol.portName(spec))
                      .put("protocol", "TCP");
              ServingProtocol.appProtocol(servicePort, spec);
            });
    return service;
  }
}
