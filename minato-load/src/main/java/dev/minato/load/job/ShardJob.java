package dev.minato.load.job;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.minato.load.scenario.ArrivalModel;
import dev.minato.load.scenario.ClientCertificate;
import dev.minato.load.scenario.Scenario;
import dev.minato.load.scenario.ScenarioException;
import dev.minato.load.scenario.ScenarioReader;
import dev.minato.load.scenario.ScenarioWriter;
import dev.minato.manifest.YamlWriter;
import dev.minato.manifest.migration.MigrationPolicy;
import dev.minato.manifest.quantity.Quantity;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A distributed run as Kubernetes objects: a ConfigMap holding the scenario and an Indexed Job with
 * one pod per shard (and a Secret with the client certificate when the scenario presents one). Pod
 * k runs {@code minato load run --shard k/N --hlog -}, so its share of the schedule goes out and
 * its HdrHistogram log is written to stdout, which {@code kubectl logs} (or a later cluster
 * command) collects for {@code minato load merge}.
 *
 * <p>backoffLimit is 0 on purpose: a retried shard would send its share twice, and the merge
 * rejects two logs for one shard index rather than double-count.
 */
public final class ShardJob {

  /** Where the pods find the scenario. */
  public static final String SCENARIO_PATH = "/etc/minato-load/scenario.yaml";

  /** Where the pods find the client certificate (mutual TLS), from a Secret. */
  public static final String CLIENT_CERTIFICATE_DIR = "/etc/minato-load-client";

  /** The label every object of one distributed run carries, with the run's name as value. */
  public static final String RUN_LABEL = "load.minato.dev/run";

  /** The user and group the pods run as: distroless's "nonroot", found in no image as root. */
  static final int UNPRIVILEGED_USER = 65532;

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private ShardJob() {}

  /** The options of a rendered job; the quantities are written as the user wrote them. */
  public record Options(
      int parallel, String image, Quantity cpu, Quantity memory, Optional<Instant> startAt) {
    public Options {
      if (parallel < 1) {
        throw new IllegalArgumentException("parallel must be >= 1");
      }
    }

    /** Options whose shards begin as soon as each pod is ready, unsynchronised. */
    public Options(int parallel, String image, Quantity cpu, Quantity memory) {
      this(parallel, image, cpu, memory, Optional.empty());
    }
  }

  /** The ConfigMap and Job as one YAML stream, ready for {@code kubectl apply -f}. */
  public static String render(Scenario scenario, Options options) throws ScenarioException {
    return YamlWriter.writeAll(objects(scenario, options));
  }

  /**
   * The ConfigMap, the client-certificate Secret when there is one, and the Job, in the order they
   * must be created.
   */
  public static List<ObjectNode> objects(Scenario scenario, Options options)
      throws ScenarioException {
    if (scenario.model() instanceof ArrivalModel.Closed closed
        && closed.concurrency() < options.parallel()) {
      throw new ScenarioException(
          dev.minato.manifest.SourcePosition.ofSource(scenario.name()),
          "concurrency "
              + closed.concurrency()
              + " cannot be split over "
              + options.parallel()
              + " shards; use at most "
              + closed.concurrency()
              + " shards");
    }
    String name = objectName(scenario.name());
    ObjectNode tree = ScenarioWriter.tree(scenario);
    // The pods run the file as written here; label the objects with what they will compute.
    Scenario shipped = ScenarioReader.read(SCENARIO_PATH, YamlWriter.write(tree), null);
    Optional<ClientCertificate> client = scenario.tls().client();
    if (client.isPresent()) {
      // A private key belongs in a Secret, not in the ConfigMap: the scenario names its files.
      ObjectNode tls = (ObjectNode) tree.path("spec").path("tls");
      tls.remove(List.of("cert", "key"));
      tls.put("certFile", CLIENT_CERTIFICATE_DIR + "/tls.crt");
      tls.put("keyFile", CLIENT_CERTIFICATE_DIR + "/tls.key");
    }
    String scenarioYaml = YamlWriter.write(tree);
    List<ObjectNode> objects = new ArrayList<>();
    objects.add(configMap(name, shipped, scenarioYaml));
    client.ifPresent(c -> objects.add(clientSecret(name, shipped, c)));
    objects.add(job(name, shipped, options, client.isPresent()));
    return objects;
  }

  private static ObjectNode clientSecret(String name, Scenario scenario, ClientCertificate client) {
    ObjectNode secret = NODES.objectNode();
    secret.put("apiVersion", "v1");
    secret.put("kind", "Secret");
    ObjectNode metadata = secret.putObject("metadata");
    metadata.put("name", name + "-client-tls");
    metadata.set("labels", labels(name, scenario));
    secret.put("type", "kubernetes.io/tls");
    ObjectNode data = secret.putObject("stringData");
    data.put("tls.crt", client.certificatePem());
    data.put("tls.key", client.keyPem());
    return secret;
  }

  /** A DNS-1123 name for the run's objects: {@code minato-load-<scenario name>}. */
  public static String objectName(String scenarioName) {
    String cleaned =
        scenarioName
            .toLowerCase(Locale.ROOT)
            .replaceAll("[^a-z0-9-]+", "-")
            .replaceAll("^-+|-+$", "");
    String name = "minato-load" + (cleaned.isEmpty() ? "" : "-" + cleaned);
    // Job names become pod name prefixes with a suffix; 52 characters leaves room for it.
    return name.length() > 52 ? name.substring(0, 52).replaceAll("-+$", "") : name;
  }

  private static ObjectNode labels(String name, Scenario scenario) {
    ObjectNode labels = NODES.objectNode();
    labels.put("app.kubernetes.io/name", "minato-load");
    labels.put("app.kubernetes.io/managed-by", "minato");
    labels.put(RUN_LABEL, name);
    labels.put("load.minato.dev/fingerprint", scenario.fingerprint());
    return labels;
  }

  private static ObjectNode configMap(String name, Scenario scenario, String scenarioYaml) {
    ObjectNode cm = NODES.objectNode();
    cm.put("apiVersion", "v1");
    cm.put("kind", "ConfigMap");
    ObjectNode metadata = cm.putObject("metadata");
    metadata.put("name", name);
    metadata.set("labels", labels(name, scenario));
    cm.putObject("data").put("scenario.yaml", scenarioYaml);
    return cm;
  }

  private static ObjectNode job(
      String name, Scenario scenario, Options options, boolean clientCertificate) {
    int n = options.parallel();
    ObjectNode job = NODES.objectNode();
    job.put("apiVersion", "batch/v1");
    job.put("kind", "Job");
    ObjectNode metadata = job.putObject("metadata");
    metadata.put("name", name);
    ObjectNode jobLabels = labels(name, scenario);
    // Two copies of a load test (one per cluster during a move) would double the load it measures.
    jobLabels.put(MigrationPolicy.KEY, MigrationPolicy.DOWNTIME_OK.spelling());
    metadata.set("labels", jobLabels);
    ObjectNode annotations = metadata.putObject("annotations");
    annotations.put("load.minato.dev/shards", String.valueOf(n));
    annotations.put("load.minato.dev/collect", "kubectl logs per pod, then minato load merge");
    ObjectNode spec = job.putObject("spec");
    spec.put("completionMode", "Indexed");
    spec.put("completions", n);
    spec.put("parallelism", n);
    spec.put("backoffLimit", 0);
    ObjectNode template = spec.putObject("template");
    template.putObject("metadata").set("labels", labels(name, scenario));
    ObjectNode pod = template.putObject("spec");
    pod.put("restartPolicy", "Never");
    pod.set("securityContext", podSecurity());
    ArrayNode spread = pod.putArray("topologySpreadConstraints");
    ObjectNode constraint = spread.addObject();
    constraint.put("maxSkew", 1);
    constraint.put("topologyKey", "kubernetes.io/hostname");
    constraint.put("whenUnsatisfiable", "ScheduleAnyway");
    constraint.putObject("labelSelector").putObject("matchLabels").put(RUN_LABEL, name);
    ObjectNode container = pod.putArray("containers").addObject();
    container.put("name", "load");
    container.put("image", options.image());
    container.putArray("command").add("minato");
    ArrayNode args = container.putArray("args");
    for (String arg :
        List.of(
            "load", "run", SCENARIO_PATH, "--shard", "$(MINATO_SHARD_INDEX)/" + n, "--hlog", "-")) {
      args.add(arg);
    }
    // One instant for every pod, so the shards' schedules interleave as one process's would.
    options.startAt().ifPresent(at -> args.add("--start-at").add(at.toString()));
    ObjectNode env = container.putArray("env").addObject();
    env.put("name", "MINATO_SHARD_INDEX");
    env.putObject("valueFrom")
        .putObject("fieldRef")
        .put("fieldPath", "metadata.annotations['batch.kubernetes.io/job-completion-index']");
    ObjectNode resources = container.putObject("resources");
    ObjectNode requests = resources.putObject("requests");
    requests.put("cpu", options.cpu().text());
    requests.put("memory", options.memory().text());
    resources.putObject("limits").put("memory", options.memory().text());
    container.set("securityContext", containerSecurity());
    ArrayNode mounts = container.putArray("volumeMounts");
    ArrayNode volumes = pod.putArray("volumes");
    ObjectNode mount = mounts.addObject();
    mount.put("name", "scenario");
    mount.put("mountPath", "/etc/minato-load");
    mount.put("readOnly", true);
    volumes.addObject().put("name", "scenario").putObject("configMap").put("name", name);
    if (clientCertificate) {
      ObjectNode clientMount = mounts.addObject();
      clientMount.put("name", "client-tls");
      clientMount.put("mountPath", CLIENT_CERTIFICATE_DIR);
      clientMount.put("readOnly", true);
      volumes
          .addObject()
          .put("name", "client-tls")
          .putObject("secret")
          .put("secretName", name + "-client-tls")
          .put("defaultMode", 0400);
    }
    // The root filesystem is read-only; the JVM still wants a writable /tmp.
    mounts.addObject().put("name", "tmp").put("mountPath", "/tmp");
    volumes.addObject().put("name", "tmp").putObject("emptyDir");
    return job;
  }

  /**
   * The pods run as an unprivileged user whatever the image says: a load generator needs no
   * privilege, and an image built FROM a JDK image runs as root unless told otherwise, which
   * runAsNonRoot alone would turn into a pod that never starts.
   */
  private static ObjectNode podSecurity() {
    ObjectNode security = NODES.objectNode();
    security.put("runAsNonRoot", true);
    security.put("runAsUser", UNPRIVILEGED_USER);
    security.put("runAsGroup", UNPRIVILEGED_USER);
    // Secret and ConfigMap files are root's; with fsGroup they are readable by the pods' group.
    security.put("fsGroup", UNPRIVILEGED_USER);
    security.putObject("seccompProfile").put("type", "RuntimeDefault");
    return security;
  }

  private static ObjectNode containerSecurity() {
    ObjectNode security = NODES.objectNode();
    security.put("allowPrivilegeEscalation", false);
    security.put("privileged", false);
    security.put("readOnlyRootFilesystem", true);
    security.put("runAsNonRoot", true);
    security.putObject("capabilities").putArray("drop").add("ALL");
    return security;
  }
}
