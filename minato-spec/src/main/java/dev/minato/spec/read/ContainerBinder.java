package dev.minato.spec.read;

import dev.minato.manifest.Suggestions;
import dev.minato.manifest.quantity.Quantity;
import dev.minato.spec.Container;
import dev.minato.spec.ContainerPort;
import dev.minato.spec.EnvSource;
import dev.minato.spec.Health;
import dev.minato.spec.Image;
import dev.minato.spec.Probe;
import dev.minato.spec.Resources;
import dev.minato.spec.VolumeMount;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads {@code sidecars[]} and {@code initContainers[]}: the containers of the app's pod besides
 * the app's own. Names are unique across the pod, and a sidecar's ports must not collide with any
 * other container's, since all of them share the pod's network.
 */
final class ContainerBinder {

  /**
   * What a helper container gets when it says nothing: enough for a log shipper, an exporter or a
   * wait-for script, and small enough not to distort the pod's scheduling.
   */
  static final Resources DEFAULT_RESOURCES =
      new Resources(
          new Quantity("50m", new BigDecimal("0.05")),
          new Quantity("64Mi", BigDecimal.valueOf(64L << 20)),
          new Quantity("64Mi", BigDecimal.valueOf(64L << 20)),
          Optional.empty());

  /** What every helper container mounts already: the pod's shared writable /tmp. */
  private static final Map<String, String> TAKEN = Map.of("/tmp", "the pod's shared /tmp");

  private final SpecBinder binder;
  private final Map<String, String> names = new HashMap<>();
  private final Map<Integer, String> portOwners = new HashMap<>();
  private final Set<String> volumes;

  /**
   * @param appContainer the name of the app's own container
   * @param appPorts the ports the app's container listens on
   * @param volumes the names of the app's volumes ({@code spec.volumes}), which a container may
   *     mount
   */
  ContainerBinder(
      SpecBinder binder, String appContainer, Set<Integer> appPorts, Set<String> volumes) {
    this.binder = binder;
    this.volumes = Set.copyOf(volumes);
    names.put(appContainer, "the app's own container");
    appPorts.forEach(p -> portOwners.put(p, "the app's container"));
  }

  List<Container> bind(Section spec, String field, boolean sidecar) {
    List<Container> containers = new ArrayList<>();
    for (Section item : spec.sectionList(field)) {
      container(item, sidecar).ifPresent(containers::add);
    }
    return List.copyOf(containers);
  }

  private Optional<Container> container(Section c, boolean sidecar) {
    Optional<String> name = c.requiredString("name", sidecar ? "log-shipper" : "wait-for-db");
    name.ifPresent(
        n -> {
          String problem = Names.dnsLabelProblem(n, 63);
          if (!problem.isEmpty()) {
            c.error("name", problem);
          } else if (names.containsKey(n)) {
            c.error(
                "name",
                "'"
                    + n
                    + "' is already the name of "
                    + names.get(n)
                    + "; container names are"
                    + " unique in a pod");
          } else {
            names.put(n, c.field());
          }
        });
    Optional<Image> image =
        c.requiredString("image", "registry.example.com/team/tool:1.0.0")
            .flatMap(text -> SpecBinder.image(c, text));
    List<String> command = c.stringList("command");
    List<String> args = c.stringList("args");
    Map<String, String> env = SpecBinder.env(c);
    List<EnvSource> envFrom = EnvFromBinder.bind(c);
    Optional<Resources> resources =
        binder.resources(c, "resources", Optional.of(DEFAULT_RESOURCES));
    List<ContainerPort> ports = ports(c, sidecar);
    List<VolumeMount> mounts = volumeMounts(c);
    Health health = Health.none();
    if (sidecar) {
      Set<Integer> tcp = new LinkedHashSet<>();
      ports.stream()
          .filter(p -> p.protocol() == ContainerPort.Protocol.TCP)
          .forEach(p -> tcp.add(p.containerPort()));
      health =
          HealthBinder.bind(
              c.section("health"),
              new HealthBinder.Owner(
                  false,
                  tcp.isEmpty() ? OptionalInt.empty() : OptionalInt.of(tcp.iterator().next()),
                  0,
                  Optional.of(Set.copyOf(tcp)),
                  "declare a TCP port under ports, or use type: exec",
                  Probe.Type.HTTP));
    } else if (c.has("health")) {
      c.error(
          "health",
          "init containers run to completion before the app starts; Kubernetes accepts no"
              + " probes on them (a sidecar can have them)");
    }
    c.finish();
    if (name.isEmpty() || image.isEmpty() || resources.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        new Container(
            name.get(),
            image.get(),
            command,
            args,
            env,
            envFrom,
            resources.get(),
            ports,
            health,
            mounts));
  }

  /**
   * {@code volumeMounts}: the app's volumes this container mounts, by name. The pod's {@code /tmp}
   * is mounted already, so nothing may hide it, and two mounts of one container may not overlap.
   */
  private List<VolumeMount> volumeMounts(Section c) {
    List<VolumeMount> mounts = new ArrayList<>();
    Map<String, String> mountedBy = new HashMap<>();
    for (Section m : c.sectionList("volumeMounts")) {
      Optional<String> volume = m.requiredString("volume", "cache");
      boolean valid = volume.isPresent();
      if (volume.isPresent() && !volumes.contains(volume.get())) {
        m.error(
            "volume",
            "'"
                + volume.get()
                + "' is not a volume of the app (spec.volumes: "
                + (volumes.isEmpty() ? "none" : String.join(", ", new TreeSet<>(volumes)))
                + ")"
                + Suggestions.didYouMean(volume.get(), volumes));
        valid = false;
      }
      Optional<String> path = m.requiredString("mountPath", "/var/cache/app");
      if (path.isPresent()) {
        Optional<String> problem = VolumeBinder.mountPathProblem(path.get(), TAKEN, mountedBy);
        if (problem.isPresent()) {
          m.error("mountPath", problem.get());
          valid = false;
        } else {
          mountedBy.put(path.get(), m.field());
        }
      }
      Optional<String> subPath = m.string("subPath");
      valid &= VolumeBinder.subPathFits(m, subPath);
      boolean readOnly = m.bool("readOnly").orElse(false);
      m.finish();
      if (valid && path.isPresent()) {
        mounts.add(new VolumeMount(volume.get(), path.get(), subPath, readOnly));
      }
    }
    return List.copyOf(mounts);
  }

  private List<ContainerPort> ports(Section c, boolean sidecar) {
    List<ContainerPort> ports = new ArrayList<>();
    Set<String> portNames = new LinkedHashSet<>();
    for (Section p : c.sectionList("ports")) {
      Optional<String> name = p.requiredString("name", "metrics");
      OptionalInt number = p.integer("containerPort", 1, SpecBinder.MAX_PORT);
      if (!p.has("containerPort")) {
        p.errorHere("missing required field 'containerPort', e.g. containerPort: 9100");
      }
      ContainerPort.Protocol protocol =
          p.choice(
                  "protocol",
                  SpecBinder.spellings(
                      ContainerPort.Protocol.values(), ContainerPort.Protocol::spelling))
              .orElse(ContainerPort.Protocol.TCP);
      p.finish();
      Optional<String> nameProblem = name.flatMap(PortsBinder::nameProblem);
      nameProblem.ifPresent(problem -> p.error("name", problem));
      name.filter(n -> nameProblem.isEmpty() && !portNames.add(n))
          .ifPresent(n -> p.error("name", "port name '" + n + "' is used twice"));
      if (sidecar && number.isPresent()) {
        String owner = portOwners.putIfAbsent(number.getAsInt(), c.field());
        if (owner != null) {
          p.error(
              "containerPort",
              "port "
                  + number.getAsInt()
                  + " is already used by "
                  + owner
                  + "; the containers of a pod share one network");
        }
      }
      if (name.isPresent() && number.isPresent()) {
        ports.add(new ContainerPort(name.get(), number.getAsInt(), protocol));
      }
    }
    return List.copyOf(ports);
  }
}
