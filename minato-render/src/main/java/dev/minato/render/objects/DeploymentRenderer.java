package dev.minato.render.objects;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.minato.spec.App;
import dev.minato.spec.AppSpec;
import dev.minato.spec.ExtraPort;
import dev.minato.spec.Metrics;
import dev.minato.spec.PlatformMonitoring;
import dev.minato.spec.Shutdown;
import dev.minato.spec.WorkloadType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The Deployment of a web app or a worker. */
final class DeploymentRenderer {

  static final String HTTP_PORT = "http";
  static final String METRICS_PORT = "metrics";
  static final String HEALTH_PORT = "health";

  private DeploymentRenderer() {}

  /** The component label of the app's long-running pods. */
  static String component(AppSpec spec) {
    return spec.serves() ? Components.WEB : Components.WORKER;
  }

  static ObjectNode render(
      App app, AppSpec spec, Optional<ConfigFiles> config, PlatformMonitoring monitoring) {
    String component = component(spec);
    ObjectNode deployment =
        Trees.header(
            "apps/v1",
            "Deployment",
            app.name(),
            Labels.workload(app, component, spec.migration()),
            PodTemplates.relaxations(spec.security()));
    ObjectNode body = deployment.putObject("spec");
    if (!spec.replicas().autoscaled()) {
      // With an HPA the count belongs to the HPA: a replicas field would reset it on every apply.
      body.put("replicas", spec.replicas().min());
    }
    body.put("revisionHistoryLimit", 5);
    body.putObject("selector").set("matchLabels", Trees.map(Labels.selector(app, component)));
    ObjectNode strategy = body.putObject("strategy").put("type", "RollingUpdate");
    // Surge first, never below the desired count: a rollout must not reduce serving capacity.
    strategy.putObject("rollingUpdate").put("maxSurge", "25%").put("maxUnavailable", 0);
    ObjectNode template = body.putObject("template");
    ObjectNode metadata = template.putObject("metadata");
    metadata.set("labels", Trees.map(Labels.workload(app, component, spec.migration())));
    Map<String, String> annotations = podAnnotations(app, spec, monitoring);
    if (!annotations.isEmpty()) {
      metadata.set("annotations", Trees.map(annotations));
    }
    ObjectNode pod = PodTemplates.podSpec(spec);
    pod.put("terminationGracePeriodSeconds", spec.shutdown().terminationGracePeriodSeconds());
    PodContainers.add(pod, spec);
    PodScheduling.spread(
        pod,
        spec.scheduling().topologySpread(),
        spec.replicas().max(),
        Labels.selector(app, component),
        // A StatefulSet (rendered from this template) has no pod-template-hash on its pods.
        spec.type() == WorkloadType.STATEFUL
            ? Optional.empty()
            : Optional.of(PodScheduling.DEPLOYMENT_REVISION));
    ObjectNode container = container(app, spec);
    pod.putArray("containers").add(container);
    PodTemplates.volumes(pod, container, spec, config);
    template.set("spec", pod);
    return deployment;
  }

  private static Map<String, String> podAnnotations(
      App app, AppSpec spec, PlatformMonitoring monitoring) {
    Map<String, String> annotations = new LinkedHashMap<>();
    spec.workers()
        .ifPresent(w -> annotations.put("minato.dev/workers-per-cpu", w.perCpu().toPlainString()));
    spec.metrics().ifPresent(m -> annotations.putAll(ScrapeAnnotations.of(app, m, monitoring)));
    return annotations;
  }

  private static ObjectNode container(App app, AppSpec spec) {
    ObjectNode container = Trees.object().put("name", app.name());
    container.put("image", spec.image().reference());
    if (!spec.command().isEmpty()) {
      container.set("command", Trees.strings(spec.command()));
    }
    if (!spec.args().isEmpty()) {
      container.set("args", Trees.strings(spec.args()));
    }
    ArrayNode ports =
        spec.serves()
            ? ports(spec)
            : spec.metrics().map(DeploymentRenderer::metricsOnly).orElseGet(Trees::array);
    for (ExtraPort extra : spec.ports()) {
      ports
          .addObject()
          .put("name", extra.name())
          .put("containerPort", extra.port())
          .put("protocol", extra.protocol().spelling());
    }
    if (!ports.isEmpty()) {
      container.set("ports", ports);
    }
    PodContainers.envFrom(container, spec.envFrom());
    container.set("env", PodTemplates.env(app, spec, spec.resources(), app.name(), true));
    container.set("resources", PodTemplates.resources(spec.resources()));
    Probes.add(container, spec.health(), p -> portName(spec, p));
    if (spec.serves()) {
      container.set("lifecycle", lifecycle(spec.shutdown()));
    }
    container.set("securityContext", PodTemplates.containerSecurity(spec.security()));
    return container;
  }

  private static ArrayNode ports(AppSpec spec) {
    int port = spec.port().orElseThrow();
    ArrayNode ports = Trees.array();
    ports
        .addObject()
        .put("name", ServingProtocol.portName(spec))
        .put("containerPort", port)
        .put("protocol", "TCP");
    spec.metrics()
        .filter(m -> m.port() != port)
        .ifPresent(
            m ->
                ports
                    .addObject()
                    .put("name", METRICS_PORT)
                    .put("containerPort", m.port())
                    .put("protocol", "TCP"));
    int health = spec.health().port().orElse(port);
    boolean healthIsMetrics = spec.metrics().map(m -> m.port() == health).orElse(false);
    if (health != port && !healthIsMetrics) {
      ports
          .addObject()
          .put("name", HEALTH_PORT)
          .put("containerPort", health)
          .put("protocol", "TCP");
    }
    return ports;
  }

  private static ArrayNode metricsOnly(Metrics metrics) {
    ArrayNode ports = Trees.array();
    ports
        .addObject()
        .put("name", METRICS_PORT)
        .put("containerPort", metrics.port())
        .put("protocol", "TCP");
    return ports;
  }

  /** The name the app's container declares {@code port} under, if it declares it. */
  private static Optional<String> portName(AppSpec spec, int port) {
    if (spec.port().isPresent() && spec.port().getAsInt() == port) {
      return Optional.of(ServingProtocol.portName(spec));
    }
    if (spec.metrics().map(m -> m.port() == port).orElse(false)) {
      return Optional.of(METRICS_PORT);
    }
    if (spec.health().port().isPresent() && spec.health().port().getAsInt() == port) {
      return Optional.of(HEALTH_PORT);
    }
    return Optional.empty();
  }

  private static ObjectNode lifecycle(Shutdown shutdown) {
    ObjectNode lifecycle = Trees.object();
    ObjectNode preStop = lifecycle.putObject("preStop");
    if (shutdown.preStop() == Shutdown.PreStop.SLEEP_ACTION) {
      preStop.putObject("sleep").put("seconds", shutdown.drainSeconds());
    } else {
      preStop
          .putObject("exec")
          .set(
              "command",
              Trees.strings(List.of("sleep", Integer.toString(shutdown.drainSeconds()))));
    }
    return lifecycle;
  }
}
