package dev.minato.spec.read;

import dev.minato.spec.ContainerPort;
import dev.minato.spec.Expose;
import dev.minato.spec.ExtraPort;
import dev.minato.spec.Health;
import dev.minato.spec.Metrics;
import dev.minato.spec.WorkloadType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Binds {@code spec.ports}: the app container's named ports besides the ones minato names itself
 * ({@code http}, {@code metrics}, {@code health}). Names follow IANA_SVC_NAME, as Kubernetes
 * requires of a port a probe or a Service may name.
 */
final class PortsBinder {

  /** Names minato gives its own ports. */
  static final Set<String> RESERVED = Set.of("http", "metrics", "health");

  private static final Pattern SERVICE_NAME = Pattern.compile("[a-z0-9]([a-z0-9-]*[a-z0-9])?");
  private static final int MAX_NAME = 15;
  private static final int MAX_SERVICE_NAME = 63;

  private PortsBinder() {}

  static List<ExtraPort> bind(
      Section spec, WorkloadType type, OptionalInt port, Optional<Metrics> metrics, Health health) {
    List<Section> sections = spec.sectionList("ports");
    if (!sections.isEmpty() && type == WorkloadType.BATCH) {
      spec.error("ports", "a batch app runs no long-running container to declare ports on");
      return List.of();
    }
    Map<String, String> taken = new HashMap<>();
    port.ifPresent(p -> taken.put(p + "/TCP", "spec.port"));
    metrics.ifPresent(m -> taken.putIfAbsent(m.port() + "/TCP", "metrics.port"));
    health.port().ifPresent(p -> taken.putIfAbsent(p + "/TCP", "health.port"));
    Map<String, String> names = new HashMap<>();
    List<ExtraPort> ports = new ArrayList<>();
    for (Section p : sections) {
      Optional<String> name = p.requiredString("name", "admin");
      OptionalInt number = p.integer("port", 1, SpecBinder.MAX_PORT);
      if (!p.has("port")) {
        p.errorHere("missing required field 'port', e.g. port: 9000");
      }
      ContainerPort.Protocol protocol =
          p.choice(
                  "protocol",
                  SpecBinder.spellings(
                      ContainerPort.Protocol.values(), ContainerPort.Protocol::spelling))
              .orElse(ContainerPort.Protocol.TCP);
      Optional<String> appProtocol = p.string("appProtocol");
      p.finish();
      boolean valid = name.isPresent() && number.isPresent();
      Optional<String> nameProblem = name.flatMap(PortsBinder::nameProblem);
      if (nameProblem.isPresent()) {
        p.error("name", nameProblem.get());
        valid = false;
      } else if (name.isPresent() && RESERVED.contains(name.get())) {
        p.error(
            "name",
            "'" + name.get() + "' is the name minato gives its own port; choose another name");
        valid = false;
      } else if (name.isPresent() && names.containsKey(name.get())) {
        p.error("name", "port name '" + name.get() + "' is also used by " + names.get(name.get()));
        valid = false;
      }
      if (appProtocol.isPresent() && !Names.LABEL_KEY.matcher(appProtocol.get()).matches()) {
        p.error(
            "appProtocol",
            "'"
                + appProtocol.get()
                + "' is not an application protocol: an IANA service name such as 'http' or"
                + " 'grpc', or a prefixed name such as 'k8s.io/h2c'");
        valid = false;
      }
      if (number.isPresent()) {
        String key = number.getAsInt() + "/" + protocol.spelling();
        if (taken.containsKey(key)) {
          p.error(
              "port",
              number.getAsInt()
                  + "/"
                  + protocol.spelling()
                  + " is already "
                  + taken.get(key)
                  + "; each port number is declared once per protocol");
          valid = false;
        }
      }
      if (valid) {
        names.put(name.get(), p.field());
        taken.put(number.getAsInt() + "/" + protocol.spelling(), p.field());
        ports.add(new ExtraPort(name.get(), number.getAsInt(), protocol, appProtocol));
      }
    }
    return List.copyOf(ports);
  }

  /**
   * Why the internal Service, {@code <app>-internal}, could not be created, if it is rendered (a
   * web app with a ServiceMonitor or extra ports) and its name would pass the 63 characters of a
   * Service name.
   */
  static Optional<String> internalServiceNameProblem(
      String appName, WorkloadType type, Optional<Metrics> metrics, List<ExtraPort> ports) {
    boolean internal =
        type == WorkloadType.WEB
            && (!ports.isEmpty() || metrics.map(Metrics::serviceMonitor).orElse(false));
    int max = MAX_SERVICE_NAME - Expose.INTERNAL_SERVICE_SUFFIX.length();
    if (internal && appName.length() > max) {
      return Optional.of(
          "the internal Service '"
              + appName
              + Expose.INTERNAL_SERVICE_SUFFIX
              + "' would pass the 63 characters of a Service name; an app with a ServiceMonitor or"
              + " extra ports needs a name of at most "
              + max
              + " characters");
    }
    return Optional.empty();
  }

  /** Why {@code name} is not an IANA_SVC_NAME (RFC 6335), if it is not. */
  static Optional<String> nameProblem(String name) {
    if (name.length() > MAX_NAME
        || !SERVICE_NAME.matcher(name).matches()
        || name.contains("--")
        || name.chars().noneMatch(c -> c >= 'a' && c <= 'z')) {
      return Optional.of(
          "'"
              + name
              + "' is not a port name: at most "
              + MAX_NAME
              + " lower-case letters, digits and '-', with at least one letter, no '--', not"
              + " starting or ending with '-' (IANA_SVC_NAME), e.g. 'grpc-admin'");
    }
    return Optional.empty();
  }
}
