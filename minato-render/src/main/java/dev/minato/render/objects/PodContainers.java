package dev.minato.render.objects;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.minato.spec.AppSpec;
import dev.minato.spec.Container;
import dev.minato.spec.ContainerPort;
import dev.minato.spec.EnvSource;
import dev.minato.spec.VolumeMount;
import java.util.List;
import java.util.Optional;

/**
 * The containers of the app's pod besides the app's own: sidecars and init containers, both in
 * {@code initContainers}.
 *
 * <p>Sidecars are native sidecars (init containers with {@code restartPolicy: Always}, Kubernetes
 * 1.29+): the kubelet starts them before the next init container and the app, and stops them after
 * the app, so a proxy or log shipper covers the app's whole life. They come <em>before</em> the
 * ordinary init containers because the common init step needs them: a database migration or a
 * wait-for-database check goes through the database proxy sidecar. A sidecar that needs an init
 * container's work done first is the rarer case, and can wait for it itself.
 */
final class PodContainers {

  /** The shared writable /tmp every container mounts, so a sidecar can read what the app writes. */
  static final String TMP_VOLUME = "tmp";

  private PodContainers() {}

  /** Adds {@code initContainers} (sidecars, then init containers) when the spec has any. */
  static void add(ObjectNode pod, AppSpec spec) {
    if (spec.sidecars().isEmpty() && spec.initContainers().isEmpty()) {
      return;
    }
    ArrayNode list = pod.putArray("initContainers");
    spec.sidecars().forEach(sidecar -> list.add(render(sidecar, spec, true)));
    spec.initContainers().forEach(init -> list.add(render(init, spec, false)));
  }

  private static ObjectNode render(Container container, AppSpec spec, boolean sidecar) {
    ObjectNode node = Trees.object().put("name", container.name());
    node.put("image", container.image().reference());
    if (sidecar) {
      node.put("restartPolicy", "Always");
    }
    if (!container.command().isEmpty()) {
      node.set("command", Trees.strings(container.command()));
    }
    if (!container.args().isEmpty()) {
      node.set("args", Trees.strings(container.args()));
    }
    if (!container.ports().isEmpty()) {
      ArrayNode ports = node.putArray("ports");
      for (ContainerPort port : container.ports()) {
        ports
            .addObject()
            .put("name", port.name())
            .put("containerPort", port.containerPort())
            .put("protocol", port.protocol().spelling());
      }
    }
    envFrom(node, container.envFrom());
    if (!container.env().isEmpty()) {
      ArrayNode env = node.putArray("env");
      container
          .env()
          .forEach((name, value) -> env.addObject().put("name", name).put("value", value));
    }
    node.set("resources", PodTemplates.resources(container.resources()));
    Probes.add(node, container.health(), port -> portName(container.ports(), port));
    node.set("securityContext", PodTemplates.containerSecurity(spec.security()));
    ArrayNode mounts = node.putArray("volumeMounts");
    mounts.addObject().put("name", TMP_VOLUME).put("mountPath", "/tmp");
    for (VolumeMount mount : container.volumeMounts()) {
      ObjectNode entry = mounts.addObject().put("name", mount.volume());
      entry.put("mountPath", mount.mountPath());
      mount.subPath().ifPresent(path -> entry.put("subPath", path));
      if (mount.readOnly()) {
        entry.put("readOnly", true);
      }
    }
    return node;
  }

  /** Adds {@code envFrom} when there are sources: each ConfigMap or Secret by reference. */
  static void envFrom(ObjectNode container, List<EnvSource> sources) {
    if (sources.isEmpty()) {
      return;
    }
    ArrayNode list = container.putArray("envFrom");
    for (EnvSource source : sources) {
      ObjectNode reference = list.addObject().putObject(source.kind().reference());
      reference.put("name", source.name());
      if (source.optional()) {
        reference.put("optional", true);
      }
    }
  }

  private static Optional<String> portName(List<ContainerPort> ports, int number) {
    return ports.stream()
        .filter(p -> p.containerPort() == number && p.protocol() == ContainerPort.Protocol.TCP)
        .map(ContainerPort::name)
        .findFirst();
  }
}
