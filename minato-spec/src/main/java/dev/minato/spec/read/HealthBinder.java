package dev.minato.spec.read;

import com.fasterxml.jackson.databind.JsonNode;
import dev.minato.manifest.network.NetworkNames;
import dev.minato.spec.Health;
import dev.minato.spec.Probe;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads a {@code health} mapping into probes: the app container's and each sidecar's, which share
 * one shape. {@code liveness} and {@code readiness} are an HTTP path or a mapping of probe settings
 * ({@code path}, {@code command}, {@code periodSeconds}, {@code timeoutSeconds}, {@code
 * failureThreshold}, and {@code successThreshold} for readiness).
 */
final class HealthBinder {

  static final String DEFAULT_PATH = "/healthz";
  private static final String GRPC_SERVICE = "grpcService";

  /** A fully qualified protobuf service name, e.g. {@code shop.v1.Orders}. */
  private static final Pattern GRPC_SERVICE_NAME =
      Pattern.compile("[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)*");

  private static final Timing LIVENESS = new Timing(10, 2, 3, 1);
  private static final Timing READINESS = new Timing(5, 2, 3, 1);
  private static final int MAX_SECONDS = 3600;
  private static final int MAX_THRESHOLD = 1000;

  /**
   * Whose health this is.
   *
   * @param serves whether the container receives traffic: it then always gets a readiness probe,
   *     and an HTTP one on {@code defaultPort} when the spec says nothing
   * @param defaultPort the port probed when {@code health.port} is not set
   * @param declaredPorts the TCP ports a probe may use; empty when any port may (the app's own
   *     health port is declared for it)
   * @param noPort what to say when a check needs a port and there is none
   * @param defaultType the check made when {@code health.type} is not set: grpc for an app whose
   *     port speaks gRPC ({@code spec.protocol: grpc}), else http
   */
  record Owner(
      boolean serves,
      OptionalInt defaultPort,
      int defaultStartupSeconds,
      Optional<Set<Integer>> declaredPorts,
      String noPort,
      Probe.Type defaultType) {}

  private record Timing(int period, int timeout, int failure, int success) {}

  private HealthBinder() {}

  static Health bind(Optional<Section> section, Owner owner) {
    if (section.isEmpty()) {
      if (!owner.serves() || owner.defaultPort().isEmpty()) {
        return Health.none();
      }
      int port = owner.defaultPort().getAsInt();
      Probe.Check check =
          owner.defaultType() == Probe.Type.GRPC
              ? new Probe.Grpc(port, Optional.empty())
              : new Probe.HttpGet(DEFAULT_PATH, port);
      return new Health(
          Optional.of(probe(check, LIVENESS)),
          Optional.of(probe(check, READINESS)),
          owner.defaultStartupSeconds(),
          OptionalInt.empty());
    }
    Section h = section.get();
    Probe.Type type =
        h.choice("type", SpecBinder.spellings(Probe.Type.values(), Probe.Type::spelling))
            .orElse(owner.defaultType());
    OptionalInt port = h.integer("port", 1, SpecBinder.MAX_PORT);
    Optional<String> service = grpcService(h);
    List<String> command = h.stringList("command");
    int startup = h.integer("startupSeconds", 0, MAX_SECONDS).orElse(owner.defaultStartupSeconds());
    if (h.has("port") && !type.usesPort()) {
      h.error("port", "an exec probe runs a command and uses no port; remove health.port");
    }
    if (h.has(GRPC_SERVICE) && type != Probe.Type.GRPC) {
      h.error(
          GRPC_SERVICE,
          "grpcService names the service a gRPC health check asks about; it needs type: grpc"
              + " (the default for spec.protocol: grpc)");
    }
    if (h.has("command") && type != Probe.Type.EXEC) {
      h.error("command", "command is what an exec probe runs; it needs type: exec");
    }
    port.ifPresent(
        p ->
            owner
                .declaredPorts()
                .filter(declared -> !declared.contains(p))
                .ifPresent(
                    declared ->
                        h.error(
                            "port",
                            "port "
                                + p
                                + " is not a TCP port of this container (declared: "
                                + (declared.isEmpty() ? "none" : declared)
                                + ")")));
    OptionalInt probePort = port.isPresent() ? port : owner.defaultPort();
    if (type.usesPort() && probePort.isEmpty()) {
      h.errorHere("a " + type.spelling() + " probe needs a port: " + owner.noPort());
      h.finish();
      return Health.none();
    }
    Reading reading =
        new Reading(h, type, probePort.orElse(0), service.filter(s -> !s.isEmpty()), command);
    Optional<Probe> liveness = reading.probe("liveness", LIVENESS, DEFAULT_PATH, false);
    String livenessPath =
        liveness
            .map(Probe::check)
            .filter(c -> c instanceof Probe.HttpGet)
            .map(c -> ((Probe.HttpGet) c).path())
            .orElse(DEFAULT_PATH);
    Optional<Probe> readiness =
        owner.serves() || h.has("readiness")
            ? reading.probe("readiness", READINESS, livenessPath, true)
            : Optional.empty();
    h.finish();
    return new Health(liveness, readiness, startup, port);
  }

  /**
   * {@code grpcService}: a fully qualified protobuf service name, which the load balancer's gRPC
   * check also writes into its configuration.
   */
  private static Optional<String> grpcService(Section h) {
    Optional<String> service = h.string(GRPC_SERVICE);
    if (service.isPresent()
        && (!GRPC_SERVICE_NAME.matcher(service.get()).matches()
            || NetworkNames.nameProblem(service.get()).isPresent())) {
      h.error(
          GRPC_SERVICE,
          NetworkNames.shown(service.get())
              + " is not a gRPC service name of at most 63 characters, e.g. shop.v1.Orders"
              + " (leave it out to ask about the whole server)");
      return Optional.empty();
    }
    return service;
  }

  private static Probe probe(Probe.Check check, Timing timing) {
    return new Probe(check, timing.period(), timing.timeout(), timing.failure(), timing.success());
  }

  /** One health mapping being read: what its probes share. */
  private record Reading(
      Section health, Probe.Type type, int port, Optional<String> service, List<String> command) {

    Optional<Probe> probe(String name, Timing defaults, String defaultPath, boolean readiness) {
      Optional<JsonNode> raw = health.raw(name);
      if (raw.isPresent() && raw.get().isValueNode()) {
        if (type != Probe.Type.HTTP) {
          health.error(
              name,
              "a path applies to type: http; tune a "
                  + type.spelling()
                  + " probe with a mapping, e.g. "
                  + name
                  + ": {periodSeconds: 10}"
                  + (type == Probe.Type.GRPC && !health.has("type")
                      ? " (a gRPC app is probed with grpc.health.v1.Health/Check; use protocol:"
                          + " h2c for an HTTP/2 app that serves HTTP paths)"
                      : ""));
          return Optional.empty();
        }
        return SpecBinder.path(health, name)
            .map(path -> HealthBinder.probe(new Probe.HttpGet(path, port), defaults));
      }
      Optional<Section> settings = health.section(name);
      if (raw.isPresent() && settings.isEmpty()) {
        return Optional.empty();
      }
      Timing timing = defaults;
      String path = defaultPath;
      List<String> probeCommand = command;
      if (settings.isPresent()) {
        Section p = settings.get();
        path = SpecBinder.path(p, "path").orElse(defaultPath);
        if (p.has("path") && type != Probe.Type.HTTP) {
          p.error("path", "path applies to type: http (type is " + type.spelling() + ")");
        }
        if (p.has("command")) {
          probeCommand = p.stringList("command");
          if (type != Probe.Type.EXEC) {
            p.error("command", "command applies to type: exec (type is " + type.spelling() + ")");
          }
        }
        timing = timing(p, defaults, readiness);
        p.finish();
      }
      Probe.Check check =
          switch (type) {
            case HTTP -> new Probe.HttpGet(path, port);
            case GRPC -> new Probe.Grpc(port, service);
            case TCP -> new Probe.TcpSocket(port);
            case EXEC -> new Probe.Exec(probeCommand);
          };
      if (type == Probe.Type.EXEC && probeCommand.isEmpty()) {
        (settings.isPresent() ? settings.get() : health)
            .errorHere("an exec probe needs a command, e.g. command: [\"bin/healthcheck\"]");
        return Optional.empty();
      }
      return Optional.of(HealthBinder.probe(check, timing));
    }

    private static Timing timing(Section p, Timing defaults, boolean readiness) {
      int period = p.integer("periodSeconds", 1, MAX_SECONDS).orElse(defaults.period());
      int timeout = p.integer("timeoutSeconds", 1, MAX_SECONDS).orElse(defaults.timeout());
      int failure = p.integer("failureThreshold", 1, MAX_THRESHOLD).orElse(defaults.failure());
      int success = p.integer("successThreshold", 1, MAX_THRESHOLD).orElse(defaults.success());
      if (!readiness && success != 1) {
        p.error(
            "successThreshold",
            "must be 1 for a liveness probe (and the startup probe made from it):"
                + " the API server rejects anything else");
      }
      if (timeout >= period) {
        p.error(
            p.has("timeoutSeconds") ? "timeoutSeconds" : "periodSeconds",
            "timeoutSeconds "
                + timeout
                + " is not below periodSeconds "
                + period
                + ": a check would still be running when the next one starts");
      }
      return new Timing(period, timeout, failure, success);
    }
  }
}
