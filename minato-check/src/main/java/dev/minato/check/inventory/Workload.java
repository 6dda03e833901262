package dev.minato.check.inventory;

import com.fasterxml.jackson.databind.JsonNode;
import dev.minato.manifest.JsonPointers;
import dev.minato.manifest.KubeObject;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeMap;

/**
 * An object that runs pods: the built-in controllers, bare Pods, and any custom resource with a pod
 * template at {@code spec.template} (Argo Rollouts, Knative, ...). Knows where the pod template is
 * so rules can read containers, labels and the pod spec of any of them alike.
 */
public final class Workload {

  /** Kinds whose pods run until stopped and may serve traffic. */
  private static final Set<String> LONG_RUNNING =
      Set.of("Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "ReplicationController");

  /** Kinds whose replica count is {@code spec.replicas} (default 1) and that a PDB can protect. */
  private static final Set<String> SCALABLE =
      Set.of("Deployment", "StatefulSet", "ReplicaSet", "ReplicationController");

  private final KubeObject object;
  private final String template;
  private final boolean longRunning;
  private final JsonNode podSpec;
  private final Map<String, String> podLabels;
  private final List<Container> containers;
  private final List<Container> allContainers;
  private final List<Container> runningContainers;

  private Workload(KubeObject object, String template, JsonNode templateNode, boolean longRunning) {
    this.object = object;
    this.template = template;
    this.longRunning = longRunning;
    // Computed once: every rule reads them, and the index shares them across threads.
    this.podSpec = templateNode.path("spec");
    this.podLabels = Map.copyOf(strings(templateNode.path("metadata").path("labels")));
    this.containers = containers("containers", false);
    List<Container> all = new ArrayList<>(containers("initContainers", true));
    all.addAll(containers);
    this.allContainers = List.copyOf(all);
    List<Container> running = new ArrayList<>();
    all.stream().filter(Container::sidecar).forEach(running::add);
    running.addAll(containers);
    this.runningContainers = List.copyOf(running);
  }

  /** The workload view of an object, when the object runs pods. */
  public static Optional<Workload> of(KubeObject object) {
    JsonNode tree = object.tree();
    JsonNode spec = tree.path("spec");
    String kind = object.kind();
    if (kind.equals("Pod") && object.group().isEmpty()) {
      String restart = spec.path("restartPolicy").asText("Always");
      return Optional.of(new Workload(object, "", tree, restart.equals("Always")));
    }
    if (kind.equals("CronJob")) {
      JsonNode template = spec.path("jobTemplate").path("spec").path("template");
      return template.isObject()
          ? Optional.of(new Workload(object, "/spec/jobTemplate/spec/template", template, false))
          : Optional.empty();
    }
    JsonNode template = spec.path("template");
    if (!hasPodTemplate(object)) {
      return Optional.empty();
    }
    boolean job = kind.equals("Job");
    return Optional.of(new Workload(object, "/spec/template", template, !job));
  }

  /** Cheaply tells whether {@link #of} would find a workload, without building one. */
  public static boolean runsPods(KubeObject object) {
    JsonNode spec = object.tree().path("spec");
    return switch (object.kind()) {
      case "Pod" -> object.group().isEmpty();
      case "CronJob" -> spec.path("jobTemplate").path("spec").path("template").isObject();
      default -> hasPodTemplate(object);
    };
  }

  /**
   * A built-in controller's template is a pod template even when it lists no containers (the API
   * server rejects that, and the rules say so; its labels still tell Services and PDBs what they
   * select). A custom resource is recognised by the containers of its template.
   */
  private static boolean hasPodTemplate(KubeObject object) {
    JsonNode template = object.tree().path("spec").path("template");
    boolean builtIn =
        (LONG_RUNNING.contains(object.kind()) || object.kind().equals("Job"))
            && (object.group().equals("apps")
                || object.group().equals("batch")
                || object.group().isEmpty());
    return builtIn ? template.isObject() : template.path("spec").path("containers").isArray();
  }

  public KubeObject object() {
    return object;
  }

  /** True for controllers whose pods keep running (not Jobs, CronJobs or run-once Pods). */
  public boolean longRunning() {
    return longRunning;
  }

  /** True when the object's pods can serve: long-running with at least one declared port. */
  public boolean serving() {
    return longRunning && containers().stream().anyMatch(Container::declaresPorts);
  }

  /** The pointer of the pod spec ({@code /spec/template/spec}, or {@code /spec} for a Pod). */
  public String podSpecPointer() {
    return template + "/spec";
  }

  public JsonNode podSpec() {
    return podSpec;
  }

  /** The pointer of the pod's metadata ({@code /metadata} for a bare Pod). */
  public String podMetadataPointer() {
    return template + "/metadata";
  }

  /** Labels the pods get: the pod template's labels. */
  public Map<String, String> podLabels() {
    return podLabels;
  }

  /** Annotations the pods get. */
  public Map<String, String> podAnnotations() {
    return strings(object.at(podMetadataPointer() + "/annotations"));
  }

  /** The app containers, in order. */
  public List<Container> containers() {
    return containers;
  }

  /** Init containers first, then app containers: for rules that hold for every process. */
  public List<Container> allContainers() {
    return allContainers;
  }

  /**
   * Native sidecars first, then app containers: what runs for the pod's whole life and can have
   * probes (an ordinary init container cannot).
   */
  public List<Container> runningContainers() {
    return runningContainers;
  }

  /**
   * {@code spec.replicas} as written, or 1 when a scalable kind leaves it out; empty for kinds
   * whose pod count is not a replica count (DaemonSets, Jobs, Pods).
   */
  public OptionalInt declaredReplicas() {
    if (!SCALABLE.contains(object.kind()) && !object.at("/spec/replicas").isInt()) {
      return OptionalInt.empty();
    }
    JsonNode replicas = object.at("/spec/replicas");
    return replicas.isInt() ? OptionalInt.of(replicas.intValue()) : OptionalInt.of(1);
  }

  /** True when the object itself is a scalable controller (not a Job or DaemonSet). */
  public boolean scalable() {
    return SCALABLE.contains(object.kind()) || object.at("/spec/replicas").isInt();
  }

  /** True for the built-in long-running controllers (custom resources are not listed). */
  public boolean builtInController() {
    return LONG_RUNNING.contains(object.kind());
  }

  private List<Container> containers(String field, boolean init) {
    String pointer = podSpecPointer() + "/" + field;
    JsonNode list = podSpec.path(field);
    List<Container> containers = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      if (list.get(i).isObject()) {
        containers.add(new Container(JsonPointers.child(pointer, i), list.get(i), init));
      }
    }
    return List.copyOf(containers);
  }

  /** A labels (or annotations) mapping as strings, sorted by key. */
  public static Map<String, String> labels(JsonNode node) {
    return strings(node);
  }

  static Map<String, String> strings(JsonNode node) {
    Map<String, String> map = new TreeMap<>();
    Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> entry = fields.next();
      map.put(entry.getKey(), entry.getValue().asText(""));
    }
    return map;
  }
}
