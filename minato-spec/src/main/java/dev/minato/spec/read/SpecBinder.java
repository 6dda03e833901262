package dev.minato.spec.read;

import com.fasterxml.jackson.databind.JsonNode;
import dev.minato.manifest.InvalidValueException;
import dev.minato.manifest.migration.MigrationPolicy;
import dev.minato.manifest.network.NetworkNames;
import dev.minato.manifest.quantity.Quantity;
import dev.minato.spec.Alerts;
import dev.minato.spec.AppSpec;
import dev.minato.spec.Container;
import dev.minato.spec.EnvSource;
import dev.minato.spec.Expose;
import dev.minato.spec.ExtraObject;
import dev.minato.spec.ExtraPort;
import dev.minato.spec.Health;
import dev.minato.spec.Image;
import dev.minato.spec.Logs;
import dev.minato.spec.Metrics;
import dev.minato.spec.Monitoring;
import dev.minato.spec.OneOffJob;
import dev.minato.spec.Patch;
import dev.minato.spec.Probe;
import dev.minato.spec.Protocol;
import dev.minato.spec.Replicas;
import dev.minato.spec.RequestMetrics;
import dev.minato.spec.Resources;
import dev.minato.spec.Runtime;
import dev.minato.spec.ScheduledJob;
import dev.minato.spec.Scheduling;
import dev.minato.spec.Security;
import dev.minato.spec.ServiceAccount;
import dev.minato.spec.Shutdown;
import dev.minato.spec.Slo;
import dev.minato.spec.Volume;
import dev.minato.spec.Workers;
import dev.minato.spec.WorkloadType;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Binds the {@code spec} mapping of a minato.yaml (or an environment's merged version of it) to an
 * {@link AppSpec}, applying every default and checking every rule that involves more than one
 * field. Returns empty when it found errors; they are in the {@link Diagnostics}.
 */
final class SpecBinder {

  static final int MAX_PORT = 65535;
  private static final Pattern TAG = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}");
  private static final Pattern DIGEST = Pattern.compile("sha256:[a-f0-9]{64}");
  private static final Pattern PERCENT = Pattern.compile("([0-9]{1,3})%");
  private static final Pattern METRIC_NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
  private static final Quantity MIN_SENSIBLE_MEMORY =
      new Quantity("4Mi", BigDecimal.valueOf(4L << 20));

  private final String appName;
  private final Diagnostics diagnostics;

  SpecBinder(String appName, Diagnostics diagnostics) {
    this.appName = appName;
    this.diagnostics = diagnostics;
  }

  Optional<AppSpec> bind(Section spec) {
    return bind(spec, Optional.empty());
  }

  /**
   * Binds an environment's merged spec: {@code overrides} is the environment's own mapping, whose
   * patches and extra objects add to the base spec's (they are not merged into {@code spec}).
   */
  Optional<AppSpec> bind(Section spec, Optional<Section> overrides) {
    int before = diagnostics.size();
    Optional<Image> image =
        spec.requiredString("image", "registry.example.com/team/app:1.4.2")
            .flatMap(text -> image(spec, text));
    Runtime runtime =
        spec.choice("runtime", spellings(Runtime.values(), Runtime::spelling))
            .orElse(Runtime.OTHER);
    List<String> command = spec.stringList("command");
    List<String> args = spec.stringList("args");
    OptionalInt port = spec.integer("port", 1, 65535);
    Optional<WorkloadType> declaredType =
        spec.choice("type", spellings(WorkloadType.values(), WorkloadType::spelling));
    List<Section> jobSections = spec.sectionList("jobs");
    WorkloadType type =
        declaredType.orElse(
            port.isPresent()
                ? WorkloadType.WEB
                : jobSections.isEmpty() ? WorkloadType.WORKER : WorkloadType.BATCH);
    boolean serving = type.serves(port.isPresent());
    if (type == WorkloadType.WEB && port.isEmpty() && declaredType.isPresent()) {
      spec.error("type", "a web app needs spec.port, the HTTP port it listens on");
    }
    if (type == WorkloadType.BATCH && jobSections.isEmpty()) {
      spec.error("type", "a batch app runs only its jobs, but spec.jobs is empty");
    }

    Protocol protocol = ProtocolBinder.protocol(spec, type);
    Health health = health(spec, runtime, type, port, protocol);
    Shutdown shutdown = shutdown(spec);
    Optional<Resources> resources = resources(spec, "resources", Optional.empty());
    Optional<Workers> workers = workers(spec);
    Replicas replicas = replicas(spec, type);
    String maxUnavailable = maxUnavailable(spec);
    Expose expose = expose(spec, serving);
    Map<String, String> env = env(spec);
    List<String> secretEnv = secretEnv(spec, env);
    Map<String, String> configFiles = configFiles(spec);
    Optional<Metrics> metrics = metrics(spec, port, runtime);
    Optional<Alerts> alerts = alerts(spec, serving);
    List<Slo> slos = SloBinder.bind(spec, appName, metrics);
    Monitoring monitoring = SloBinder.monitoring(spec);
    Security security = security(spec);
    List<Volume> volumes = VolumeBinder.volumes(spec, type, ownMounts(configFiles, security));
    // Data on a cluster's disks exists in one cluster: two copies of the app would diverge.
    boolean keepsState =
        type == WorkloadType.STATEFUL || volumes.stream().anyMatch(Volume::persistent);
    MigrationPolicy migration =
        spec.choice("migration", spellings(MigrationPolicy.values(), MigrationPolicy::spelling))
            .orElse(keepsState ? MigrationPolicy.DOWNTIME_OK : MigrationPolicy.DUPLICATE_OK);
    MetadataBinder metadata = new MetadataBinder(appName);
    Optional<ServiceAccount> serviceAccount = metadata.serviceAccount(spec);
    Map<String, String> annotations = metadata.annotations(spec, security);
    Map<String, String> podAnnotations =
        metadata.podAnnotations(spec, metrics.filter(m -> !m.serviceMonitor()).isPresent());
    String secretName = metadata.secretName(spec);
    List<ScheduledJob> jobs = new ArrayList<>();
    List<OneOffJob> oneOffJobs = new ArrayList<>();
    Set<String> jobNames = new HashSet<>();
    for (Section job : jobSections) {
      if (!job.has("schedule")) {
        OneOffJobBinder.bind(job, this, appName, resources)
            .filter(j -> uniqueJobName(job, j.name(), jobNames))
            .ifPresent(oneOffJobs::add);
        continue;
      }
      scheduledJob(job, spec, resources)
          .filter(j -> uniqueJobName(job, j.name(), jobNames))
          .ifPresent(jobs::add);
    }
    workers.ifPresent(
        w -> {
          if (env.containsKey(w.env())) {
            spec.error("env", w.env() + " is set by spec.workers; remove it from spec.env");
          }
        });
    Scheduling scheduling = new SchedulingBinder(diagnostics).bind(spec);
    List<ExtraPort> ports = PortsBinder.bind(spec, type, port, metrics, health);
    PortsBinder.internalServiceNameProblem(appName, type, metrics, ports)
        .ifPresent(p -> spec.error(ports.isEmpty() ? "metrics" : "ports", p));
    List<Patch> patches = new ArrayList<>(Customizations.patches(spec));
    List<ExtraObject> extraObjects = new ArrayList<>(Customizations.extraObjects(spec));
    ContainerBinder containers =
        new ContainerBinder(
            this,
            appName,
            appPorts(port, health, metrics, ports),
            volumes.stream().map(Volume::name).collect(Collectors.toSet()));
    List<Container> sidecars = containers.bind(spec, "sidecars", true);
    List<Container> initContainers = containers.bind(spec, "initContainers", false);
    List<EnvSource> envFrom = EnvFromBinder.bind(spec);
    Optional<Logs> logs = LogsBinder.bind(spec);
    if (overrides.isPresent()) {
      patches.replaceAll(Patch::asInherited);
      patches.addAll(Customizations.patches(overrides.get()));
      extraObjects.addAll(Customizations.extraObjects(overrides.get()));
    }
    ProtocolBinder.checkPath(spec, expose, protocol);
    ProtocolBinder.metrics(spec, metrics, protocol, port);
    ProtocolBinder.ingress(spec, expose, protocol, patches);
    spec.finish();

    if (diagnostics.size() > before || image.isEmpty() || resources.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        new AppSpec(
            image.get(),
            runtime,
            type,
            command,
            args,
            port,
            health,
            shutdown,
            resources.get(),
            workers,
            replicas,
            maxUnavailable,
            expose,
            env,
            secretEnv,
            configFiles,
            metrics,
            alerts,
            migration,
            List.copyOf(jobs),
            security,
            List.copyOf(patches),
            List.copyOf(extraObjects),
            initContainers,
            sidecars,
            envFrom,
            volumes,
            serviceAccount,
            annotations,
            podAnnotations,
            secretName,
            protocol,
            scheduling,
            ports,
            List.copyOf(oneOffJobs),
            logs,
            slos,
            monitoring));
  }

  /** The ports the app's own container listens on, which no sidecar may take. */
  private static Set<Integer> appPorts(
      OptionalInt port, Health health, Optional<Metrics> metrics, List<ExtraPort> extra) {
    Set<Integer> ports = new HashSet<>();
    port.ifPresent(ports::add);
    health.port().ifPresent(ports::add);
    metrics.ifPresent(m -> ports.add(m.port()));
    // Sidecars share the pod's network, so any protocol's number is taken.
    extra.forEach(p -> ports.add(p.port()));
    return ports;
  }

  static Optional<Image> image(Section spec, String text) {
    Image image = Image.parse(text.strip());
    if (image.repository().isEmpty() || text.contains(" ")) {
      spec.error("image", "'" + text + "' is not an image reference");
      return Optional.empty();
    }
    if (image.digest().isPresent() && !DIGEST.matcher(image.digest().get()).matches()) {
      spec.error(
          "image", "digest '" + image.digest().get() + "' is not 'sha256:' and 64 hex digits");
      return Optional.empty();
    }
    if (image.digest().isEmpty()) {
      if (image.tag().isEmpty()) {
        spec.error(
            "image",
            "image '"
                + text
                + "' has no tag, so what runs can change without review;"
                + " pin a version, e.g. '"
                + text
                + ":1.0.0', or a digest");
        return Optional.empty();
      }
      if (image.tag().get().equals("latest")) {
        spec.error(
            "image",
            "image '"
                + text
                + "' uses the 'latest' tag, so what runs can change without review;"
                + " pin a version, e.g. '"
                + image.repository()
                + ":1.0.0', or a digest");
        return Optional.empty();
      }
    }
    if (image.tag().isPresent() && !TAG.matcher(image.tag().get()).matches()) {
      spec.error("image", "tag '" + image.tag().get() + "' is not a valid image tag");
      return Optional.empty();
    }
    return Optional.of(image);
  }

  /** The paths minato mounts itself, which spec.volumes must not hide: by what mounts them. */
  private static Map<String, String> ownMounts(Map<String, String> configFiles, Security security) {
    Map<String, String> taken = new LinkedHashMap<>();
    taken.put("/tmp", "minato's writable /tmp");
    configFiles.keySet().forEach(path -> taken.put(path, "spec.configFiles"));
    security.writablePaths().forEach(path -> taken.put(path, "spec.security.writablePaths"));
    return taken;
  }

  private Health health(
      Section spec, Runtime runtime, WorkloadType type, OptionalInt port, Protocol protocol) {
    boolean serves = type.serves(port.isPresent());
    // Only a web app declares the port an http, grpc or tcp check would reach.
    return HealthBinder.bind(
        spec.section("health"),
        new HealthBinder.Owner(
            serves,
            serves ? port : OptionalInt.empty(),
            runtime.defaultStartupSeconds(),
            Optional.empty(),
            "a " + type.spelling() + " has no spec.port; use type: exec with a command",
            protocol == Protocol.GRPC ? Probe.Type.GRPC : Probe.Type.HTTP));
  }

  /**
   * A URL path: probes request it, and the load balancer's health check writes it into its
   * configuration, where a newline or a quote would start a directive of its own.
   */
  static Optional<String> path(Section section, String name) {
    Optional<String> path = section.string(name);
    Optional<String> problem = path.flatMap(NetworkNames::urlPathProblem);
    if (problem.isPresent()) {
      section.error(name, problem.get());
      return Optional.empty();
    }
    return path;
  }

  private Shutdown shutdown(Section spec) {
    int drain = 10;
    int timeout = 20;
    Shutdown.PreStop preStop = Shutdown.PreStop.EXEC;
    Optional<Section> section = spec.section("shutdown");
    if (section.isPresent()) {
      Section s = section.get();
      drain = s.integer("drainSeconds", 0, 600).orElse(drain);
      timeout = s.integer("timeoutSeconds", 1, 3600).orElse(timeout);
      preStop =
          s.choice(
                  "preStop",
                  Map.of(
                      "exec", Shutdown.PreStop.EXEC, "sleepAction", Shutdown.PreStop.SLEEP_ACTION))
              .orElse(preStop);
      s.finish();
    }
    return new Shutdown(drain, timeout, preStop);
  }

  /**
   * Reads a resources mapping. A job's resources inherit the app's: {@code inherited} supplies the
   * values the job does not set.
   */
  Optional<Resources> resources(Section parent, String name, Optional<Resources> inherited) {
    Optional<Section> section = parent.section(name);
    if (section.isEmpty()) {
      if (inherited.isEmpty()) {
        parent.errorHere(
            "missing required field '" + name + "', e.g. " + name + ": {cpu: 500m, memory: 512Mi}");
      }
      return inherited;
    }
    Section r = section.get();
    Optional<Quantity> cpu = quantity(r, "cpu", true, inherited.map(Resources::cpu));
    Optional<Quantity> memory = quantity(r, "memory", false, inherited.map(Resources::memory));
    Optional<Quantity> memoryLimit = quantity(r, "memoryLimit", false, Optional.empty());
    Optional<Quantity> cpuLimit = quantity(r, "cpuLimit", true, Optional.empty());
    if (inherited.isEmpty()) {
      if (!r.has("cpu")) {
        r.errorHere("missing required field 'cpu' (the CPU request), e.g. cpu: 500m");
      }
      if (!r.has("memory")) {
        r.errorHere("missing required field 'memory' (the memory request), e.g. memory: 512Mi");
      }
    }
    memory
        .filter(m -> m.compareTo(MIN_SENSIBLE_MEMORY) < 0)
        .ifPresent(
            m ->
                r.error(
                    "memory",
                    "'"
                        + m.text()
                        + "' is "
                        + m.value().toPlainString()
                        + " bytes; did you mean '"
                        + m.text()
                        + "Mi'?"));
    if (memory.isPresent()
        && memoryLimit.isPresent()
        && memoryLimit.get().compareTo(memory.get()) < 0) {
      r.error(
          "memoryLimit", "limit " + memoryLimit.get() + " is below the request " + memory.get());
    }
    if (cpu.isPresent() && cpuLimit.isPresent() && cpuLimit.get().compareTo(cpu.get()) < 0) {
      r.error("cpuLimit", "limit " + cpuLimit.get() + " is below the request " + cpu.get());
    }
    r.finish();
    if (cpu.isEmpty() || memory.isEmpty()) {
      return Optional.empty();
    }
    Quantity limit =
        memoryLimit.orElseGet(
            () ->
                inherited
                    .filter(i -> i.memory().equals(memory.get()))
                    .map(Resources::memoryLimit)
                    .orElse(memory.get()));
    return Optional.of(
        new Resources(
            cpu.get(),
            memory.get(),
            limit,
            cpuLimit.or(() -> inherited.flatMap(Resources::cpuLimit))));
  }

  private Optional<Quantity> quantity(
      Section r, String name, boolean cpu, Optional<Quantity> fallback) {
    Optional<String> text = r.string(name);
    if (text.isEmpty()) {
      return fallback;
    }
    String example = cpu ? "'500m' (half a core) or '2'" : "'512Mi' or '2Gi'";
    Optional<Quantity> q;
    try {
      q = Optional.of(Quantity.parse(text.get()));
    } catch (InvalidValueException e) {
      r.error(name, e.getMessage() + ", e.g. " + example);
      return Optional.empty();
    }
    if (q.get().value().signum() <= 0) {
      r.error(name, "must be more than zero, found '" + text.get() + "'");
      return Optional.empty();
    }
    if (cpu && q.get().value().compareTo(new BigDecimal("0.001")) < 0) {
      r.error(name, "'" + text.get() + "' is below 1m, the smallest CPU Kubernetes schedules");
      return Optional.empty();
    }
    return q;
  }

  private Optional<Workers> workers(Section spec) {
    Optional<Section> section = spec.section("workers");
    if (section.isEmpty()) {
      return Optional.empty();
    }
    Section w = section.get();
    Optional<BigDecimal> perCpu = w.decimal("perCpu", new BigDecimal("0.1"), new BigDecimal("64"));
    if (!w.has("perCpu")) {
      w.errorHere("missing required field 'perCpu', e.g. perCpu: 2");
    }
    String env = w.string("env").orElse(Workers.DEFAULT_ENV);
    if (!Names.ENV_NAME.matcher(env).matches()) {
      w.error("env", "'" + env + "' is not a valid environment variable name");
    }
    w.finish();
    return perCpu.map(p -> new Workers(p, env));
  }

  private Replicas replicas(Section spec, WorkloadType type) {
    // A stateful app's members are not interchangeable: one unless the spec asks for more.
    int defaultMin = type == WorkloadType.WEB ? 2 : 1;
    Optional<Section> section = spec.section("replicas");
    if (section.isEmpty()) {
      return new Replicas(defaultMin, defaultMin, 70);
    }
    Section r = section.get();
    int min = r.integer("min", 1, 1000).orElse(defaultMin);
    OptionalInt max = r.integer("max", 1, 1000);
    int utilization = r.integer("cpuUtilization", 1, 100).orElse(70);
    if (max.isPresent() && max.getAsInt() < min) {
      r.error("max", "max " + max.getAsInt() + " is below min " + min);
    }
    if (type == WorkloadType.BATCH) {
      r.errorHere("a batch app runs no pods besides its jobs; remove spec.replicas");
    }
    if (type == WorkloadType.STATEFUL && max.isPresent() && max.getAsInt() > min) {
      r.error(
          "max",
          "a stateful app is not autoscaled: members added by an HPA keep their volumes after"
              + " it removes them, and data may need moving first; set min only and scale"
              + " deliberately");
    }
    r.finish();
    return new Replicas(min, Math.max(min, max.orElse(min)), utilization);
  }

  private String maxUnavailable(Section spec) {
    Optional<Section> section = spec.section("disruption");
    if (section.isEmpty()) {
      return "1";
    }
    Section d = section.get();
    String result = "1";
    Optional<JsonNode> raw = d.raw("maxUnavailable");
    if (raw.isPresent()) {
      JsonNode v = raw.get();
      if (v.isIntegralNumber() && v.intValue() >= 1) {
        result = v.asText();
      } else if (v.isTextual()
          && PERCENT.matcher(v.asText()).matches()
          && Integer.parseInt(v.asText().replace("%", "")) >= 1
          && Integer.parseInt(v.asText().replace("%", "")) <= 100) {
        result = v.asText();
      } else if ((v.isIntegralNumber() && v.intValue() == 0) || "0%".equals(v.asText())) {
        d.error(
            "maxUnavailable",
            "0 would block every node drain and cluster upgrade;" + " use at least 1");
      } else {
        d.error(
            "maxUnavailable",
            "expected a whole number of pods (at least 1) or a percentage"
                + " such as '25%', found "
                + Section.describe(v));
      }
    }
    d.finish();
    return result;
  }

  private Expose expose(Section spec, boolean serving) {
    Optional<Section> section = spec.section("expose");
    if (section.isEmpty()) {
      return new Expose(
          Expose.Type.CLUSTER_IP,
          OptionalInt.empty(),
          false,
          Expose.TrafficPolicy.CLUSTER,
          Optional.empty(),
          List.of("/"),
          Optional.empty(),
          Optional.empty(),
          Optional.empty(),
          Map.of(),
          List.of());
    }
    Section e = section.get();
    Map<String, Expose.Type> types = spellings(Expose.Type.values(), Expose.Type::spelling);
    Expose.Type exposeType = e.choice("type", types).orElse(Expose.Type.CLUSTER_IP);
    // The cluster's NodePort range is checked where it is known (platform.yaml, nodeports).
    boolean autoNodePort =
        e.raw("nodePort").map(n -> n.isTextual() && n.asText().equals("auto")).orElse(false);
    OptionalInt nodePort = autoNodePort ? OptionalInt.empty() : nodePort(e);
    Expose.TrafficPolicy policy =
        e.choice(
                "externalTrafficPolicy",
                spellings(Expose.TrafficPolicy.values(), Expose.TrafficPolicy::spelling))
            .orElse(Expose.TrafficPolicy.CLUSTER);
    Optional<String> host = e.string("host");
    List<String> paths = e.stringList("paths");
    Optional<String> tlsSecret = e.string("tlsSecret");
    Optional<String> ingressClass = e.string("ingressClass");
    Optional<String> checkPath = path(e, "checkPath");
    Map<String, String> annotations = ExposureBinder.annotations(e);
    List<String> sourceRanges = ExposureBinder.sourceRanges(e, exposeType);
    if (!serving) {
      e.errorHere("only a web app (one with spec.port) can be exposed");
    }
    if (e.has("nodePort") && exposeType != Expose.Type.NODE_PORT) {
      e.error(
          "nodePort",
          "nodePort needs expose.type: NodePort (type is " + exposeType.spelling() + ")");
    }
    if (e.has("externalTrafficPolicy")
        && exposeType != Expose.Type.NODE_PORT
        && exposeType != Expose.Type.LOAD_BALANCER) {
      e.error(
          "externalTrafficPolicy",
          "externalTrafficPolicy applies to expose.type: NodePort or LoadBalancer");
    }
    host.flatMap(h -> hostProblem(h, exposeType)).ifPresent(p -> e.error("host", p));
    if (exposeType == Expose.Type.INGRESS && host.isEmpty()) {
      e.errorHere("an Ingress needs a host, e.g. host: shop.example.com");
    }
    if (e.has("host")
        && (exposeType == Expose.Type.CLUSTER_IP || exposeType == Expose.Type.LOAD_BALANCER)) {
      e.error("host", "host needs expose.type: Ingress, or NodePort for an external load balancer");
    }
    if (e.has("checkPath") && exposeType != Expose.Type.NODE_PORT) {
      e.error("checkPath", "checkPath is for the load balancer in front of a NodePort");
    }
    for (String name : List.of("paths", "tlsSecret", "ingressClass")) {
      if (e.has(name) && exposeType != Expose.Type.INGRESS) {
        e.error(name, name + " needs expose.type: Ingress (type is " + exposeType.spelling() + ")");
      }
    }
    for (int i = 0; i < paths.size(); i++) {
      if (!paths.get(i).startsWith("/")) {
        e.error("paths", "path '" + paths.get(i) + "' must start with '/'");
      }
    }
    e.finish();
    return new Expose(
        exposeType,
        nodePort,
        autoNodePort,
        policy,
        host,
        paths.isEmpty() ? List.of("/") : paths,
        tlsSecret,
        ingressClass,
        checkPath,
        annotations,
        sourceRanges);
  }

  /**
   * An RFC 1123 host name; an Ingress may also name every subdomain ({@code *.example.com}), which
   * a load balancer in front of a NodePort cannot route by.
   */
  private static Optional<String> hostProblem(String host, Expose.Type type) {
    if (type == Expose.Type.INGRESS && host.startsWith("*.")) {
      return NetworkNames.hostNameProblem(host.substring(2))
          .map(
              p ->
                  "the wildcard "
                      + NetworkNames.shown(host)
                      + " does not end in a host name: "
                      + p);
    }
    return NetworkNames.hostNameProblem(host);
  }

  private static OptionalInt nodePort(Section e) {
    Optional<JsonNode> raw = e.raw("nodePort");
    if (raw.isPresent() && !raw.get().isIntegralNumber()) {
      e.error("nodePort", "expected a port number or auto, found " + Section.describe(raw.get()));
      return OptionalInt.empty();
    }
    return e.integer("nodePort", 1, MAX_PORT);
  }

  static Map<String, String> env(Section spec) {
    Map<String, String> env = spec.stringMap("env");
    for (String name : env.keySet()) {
      if (!Names.ENV_NAME.matcher(name).matches()) {
        spec.error("env", "'" + name + "' is not a valid environment variable name");
      }
    }
    return env;
  }

  private List<String> secretEnv(Section spec, Map<String, String> env) {
    List<String> names = spec.stringList("secretEnv");
    Set<String> seen = new HashSet<>();
    for (String name : names) {
      if (!Names.ENV_NAME.matcher(name).matches()) {
        spec.error("secretEnv", "'" + name + "' is not a valid environment variable name");
      } else if (env.containsKey(name)) {
        spec.error("secretEnv", name + " is also set in spec.env; a variable comes from one place");
      } else if (!seen.add(name)) {
        spec.error("secretEnv", name + " is listed twice");
      }
    }
    return names;
  }

  private Map<String, String> configFiles(Section spec) {
    Map<String, String> files = spec.stringMap("configFiles");
    for (String path : files.keySet()) {
      if (!path.startsWith("/")
          || path.endsWith("/")
          || path.contains("//")
          || path.contains("/../")) {
        spec.error(
            "configFiles", "'" + path + "' must be an absolute file path, e.g. /etc/app/app.yaml");
      } else if (path.equals("/tmp") || path.startsWith("/tmp/")) {
        spec.error(
            "configFiles",
            "'"
                + path
                + "' is under /tmp, which is an emptyDir; mount config"
                + " elsewhere, e.g. /etc/"
                + appName
                + path.substring(4));
      }
    }
    return files;
  }

  private Optional<Metrics> metrics(Section spec, OptionalInt port, Runtime runtime) {
    Optional<Section> section = spec.section("metrics");
    if (section.isEmpty()) {
      return Optional.empty();
    }
    Section m = section.get();
    String path = path(m, "path").orElse("/metrics");
    OptionalInt metricsPort = m.integer("port", 1, 65535);
    boolean serviceMonitor = m.bool("serviceMonitor").orElse(false);
    RequestMetrics requests = SloBinder.requestMetrics(m, runtime, appName, serviceMonitor);
    m.finish();
    if (metricsPort.isEmpty() && port.isEmpty()) {
      m.errorHere("metrics needs a port: set metrics.port (the app has no spec.port)");
      return Optional.empty();
    }
    if (serviceMonitor && port.isEmpty()) {
      m.error(
          "serviceMonitor", "a ServiceMonitor scrapes through a Service, which needs spec.port");
    }
    return Optional.of(
        new Metrics(path, metricsPort.orElseGet(port::getAsInt), serviceMonitor, requests));
  }

  private Optional<Alerts> alerts(Section spec, boolean serving) {
    Optional<Section> section = spec.section("alerts");
    if (section.isEmpty()) {
      return Optional.empty();
    }
    Section a = section.get();
    Optional<BigDecimal> errorRate =
        a.decimal("errorRatePercent", new BigDecimal("0.001"), new BigDecimal("100"));
    OptionalInt latency = a.integer("latencyP99Ms", 1, 600_000);
    String requests = metricName(a, "requestsMetric", "http_requests_total");
    String status = a.string("statusLabel").orElse("status");
    String duration = metricName(a, "durationMetric", "http_request_duration_seconds_bucket");
    String selector = a.string("selector").orElse("job=\"" + appName + "\"");
    if (!serving) {
      a.errorHere("request alerts need a web app (spec.port)");
    }
    if (errorRate.isEmpty()
        && latency.isEmpty()
        && !a.has("errorRatePercent")
        && !a.has("latencyP99Ms")) {
      a.errorHere("set errorRatePercent, latencyP99Ms or both");
    }
    a.finish();
    return Optional.of(new Alerts(errorRate, latency, requests, status, duration, selector));
  }

  private String metricName(Section a, String name, String fallback) {
    String value = a.string(name).orElse(fallback);
    if (!METRIC_NAME.matcher(value).matches()) {
      a.error(name, "'" + value + "' is not a Prometheus metric name");
    }
    return value;
  }

  private Security security(Section spec) {
    Optional<Section> section = spec.section("security");
    if (section.isEmpty()) {
      return new Security(true, OptionalLong.empty(), true, false, List.of(), Optional.empty());
    }
    Section s = section.get();
    boolean nonRoot = s.bool("runAsNonRoot").orElse(true);
    OptionalInt user = s.integer("runAsUser", 0, Integer.MAX_VALUE);
    boolean readOnly = s.bool("readOnlyRootFilesystem").orElse(true);
    boolean escalation = s.bool("allowPrivilegeEscalation").orElse(false);
    List<String> writable = s.stringList("writablePaths");
    Optional<String> reason = s.string("reason").map(String::strip).filter(r -> !r.isEmpty());
    for (String path : writable) {
      if (!path.startsWith("/") || path.equals("/") || path.equals("/tmp")) {
        s.error(
            "writablePaths", "'" + path + "' must be an absolute directory other than / and /tmp");
      }
    }
    if (nonRoot && user.isPresent() && user.getAsInt() == 0) {
      s.error(
          "runAsUser", "user 0 is root; set runAsNonRoot: false (with a reason) to run as root");
    }
    Security security =
        new Security(
            nonRoot,
            user.isPresent() ? OptionalLong.of(user.getAsInt()) : OptionalLong.empty(),
            readOnly,
            escalation,
            writable,
            reason);
    if (security.relaxed() && reason.isEmpty()) {
      s.errorHere(
          "relaxing a hardening default needs a reason, e.g. reason: \"legacy image"
              + " writes to /var/www/cache\"; it is carried into the manifests for reviewers");
    }
    s.finish();
    return security;
  }

  private Optional<ScheduledJob> scheduledJob(
      Section job, Section spec, Optional<Resources> appResources) {
    Optional<String> name = job.requiredString("name", "nightly-report");
    name.ifPresent(
        n -> {
          // The CronJob is named <app>-<job>; Kubernetes limits CronJob names to 52 characters.
          String problem = Names.dnsLabelProblem(n, Math.max(1, 52 - appName.length() - 1));
          if (!problem.isEmpty()) {
            job.error(
                "name", problem + " (the CronJob is named " + appName + "-<name>, at most 52)");
          }
        });
    Optional<String> schedule = job.requiredString("schedule", "\"30 2 * * *\"");
    schedule
        .flatMap(CronSchedule::problem)
        .ifPresent(
            p -> job.error("schedule", "invalid cron schedule '" + schedule.get() + "': " + p));
    Optional<String> timeZone = job.string("timeZone");
    timeZone.ifPresent(
        tz -> {
          try {
            ZoneId.of(tz);
          } catch (DateTimeException e) {
            job.error(
                "timeZone",
                "unknown time zone '"
                    + tz
                    + "', expected an IANA name such as"
                    + " Europe/Berlin or Etc/UTC");
          }
        });
    List<String> command = job.stringList("command");
    List<String> args = job.stringList("args");
    MigrationPolicy migration =
        job.choice("migration", spellings(MigrationPolicy.values(), MigrationPolicy::spelling))
            .orElse(MigrationPolicy.DOWNTIME_OK);
    ScheduledJob.Concurrency concurrency =
        job.choice(
                "concurrency",
                spellings(ScheduledJob.Concurrency.values(), ScheduledJob.Concurrency::spelling))
            .orElse(ScheduledJob.Concurrency.FORBID);
    if (migration == MigrationPolicy.DOWNTIME_OK && concurrency == ScheduledJob.Concurrency.ALLOW) {
      job.error("concurrency", "a downtime-ok job must never run twice at once; use Forbid");
    }
    int retries = job.integer("retries", 0, 10).orElse(0);
    OptionalInt timeout = job.integer("timeoutSeconds", 1, 7 * 24 * 3600);
    boolean suspend = job.bool("suspend").orElse(false);
    // Without valid app resources there is nothing to inherit; the app's error already says why.
    boolean ownResources = job.has("resources");
    Optional<Resources> resources =
        appResources.isPresent() || ownResources
            ? resources(job, "resources", appResources)
            : Optional.empty();
    job.finish();
    if (name.isEmpty() || schedule.isEmpty() || resources.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        new ScheduledJob(
            name.get(),
            schedule.get().strip(),
            timeZone,
            command,
            args,
            migration,
            concurrency,
            retries,
            timeout,
            suspend,
            resources.get()));
  }

  private static boolean uniqueJobName(Section job, String name, Set<String> jobNames) {
    if (!jobNames.add(name)) {
      job.error("name", "job '" + name + "' is declared twice; job names must be unique");
      return false;
    }
    return true;
  }

  static <E> Map<String, E> spellings(E[] values, java.util.function.Function<E, String> spelling) {
    Map<String, E> map = new LinkedHashMap<>();
    for (E value : values) {
      map.put(spelling.apply(value), value);
    }
    return map;
  }
}
