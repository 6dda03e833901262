package dev.minato.cluster.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The few controllers the emulator stands in for, each much simpler than the real one: the Job
 * controller (an Indexed or plain Job gets its pods, and its status follows them), a kubelet that
 * runs nothing itself but hands each pod to a {@link PodRunner} and keeps its log, and the garbage
 * collector (deleting an object deletes the objects whose owner references name it). They act after
 * a change is stored, on threads of their own, as real controllers act after the API server.
 */
final class EmulatedControllers implements AutoCloseable {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final String INDEX = "batch.kubernetes.io/job-completion-index";
  private static final String JOB_NAME = "batch.kubernetes.io/job-name";
  private static final Pattern VARIABLE = Pattern.compile("\\$\\(([A-Za-z_][A-Za-z0-9_]*)\\)");
  private static final Pattern FIELD_PATH =
      Pattern.compile("metadata\\.(annotations|labels)\\['([^']+)'\\]");

  private final EmulatorDispatcher store;
  private final ExecutorService control =
      Executors.newSingleThreadExecutor(daemon("minato-emulator-controllers"));
  private final ExecutorService kubelet = Executors.newCachedThreadPool(daemon("minato-kubelet"));
  private final Set<String> jobsSeen = ConcurrentHashMap.newKeySet();
  private final Map<String, String> logs = new ConcurrentHashMap<>();
  private volatile PodRunner runner;

  EmulatedControllers(EmulatorDispatcher store) {
    this.store = store;
  }

  void runPods(PodRunner runner) {
    this.runner = runner;
  }

  /** The log of a pod that ran, or empty when it has not ended (or never started). */
  Optional<String> log(String namespace, String name) {
    return Optional.ofNullable(logs.get(namespace + "/" + name));
  }

  /** Called after every stored change: {@code before} or {@code after} is null on create/delete. */
  void changed(JsonNode before, JsonNode after) {
    if (after != null && before == null && after.path("kind").asText().equals("Job")) {
      String uid = after.path("metadata").path("uid").asText();
      if (jobsSeen.add(uid)) {
        ObjectNode job = after.deepCopy();
        control.execute(() -> createPods(job));
      }
    }
    if (after == null && before != null) {
      String uid = before.path("metadata").path("uid").asText("");
      if (!uid.isEmpty()) {
        control.execute(() -> collectDependents(uid));
      }
    }
  }

  private void createPods(ObjectNode job) {
    JsonNode spec = job.path("spec");
    boolean indexed = "Indexed".equals(spec.path("completionMode").asText());
    int completions = spec.path("completions").asInt(1);
    int pods = indexed ? completions : Math.min(completions, spec.path("parallelism").asInt(1));
    for (int index = 0; index < pods; index++) {
      ObjectNode pod = pod(job, indexed ? index : -1);
      String namespace = pod.path("metadata").path("namespace").asText();
      Optional<JsonNode> stored = store.create("/api/v1/namespaces/" + namespace + "/pods", pod);
      PodRunner current = runner;
      if (stored.isPresent() && current != null) {
        EmulatedPod emulated = emulated(stored.get(), job, Math.max(index, 0));
        kubelet.execute(() -> run(current, emulated));
      }
    }
  }

  private ObjectNode pod(ObjectNode job, int index) {
    JsonNode template = job.path("spec").path("template");
    String jobName = job.path("metadata").path("name").asText();
    String namespace = job.path("metadata").path("namespace").asText("default");
    ObjectNode pod = NODES.objectNode();
    pod.put("apiVersion", "v1");
    pod.put("kind", "Pod");
    ObjectNode metadata = pod.putObject("metadata");
    String suffix = Integer.toString(ThreadLocalRandom.current().nextInt(36 * 36 * 36 * 36), 36);
    metadata.put("name", jobName + (index >= 0 ? "-" + index : "") + "-" + suffix);
    metadata.put("namespace", namespace);
    ObjectNode labels =
        template.path("metadata").path("labels").isObject()
            ? (ObjectNode) template.path("metadata").path("labels").deepCopy()
            : NODES.objectNode();
    labels.put("job-name", jobName);
    labels.put(JOB_NAME, jobName);
    labels.put("controller-uid", job.path("metadata").path("uid").asText());
    ObjectNode annotations =
        template.path("metadata").path("annotations").isObject()
            ? (ObjectNode) template.path("metadata").path("annotations").deepCopy()
            : NODES.objectNode();
    if (index >= 0) {
      labels.put(INDEX, String.valueOf(index));
      annotations.put(INDEX, String.valueOf(index));
    }
    metadata.set("labels", labels);
    metadata.set("annotations", annotations);
    ObjectNode owner = metadata.putArray("ownerReferences").addObject();
    owner.put("apiVersion", "batch/v1");
    owner.put("kind", "Job");
    owner.put("name", jobName);
    owner.put("uid", job.path("metadata").path("uid").asText());
    owner.put("controller", true);
    owner.put("blockOwnerDeletion", true);
    pod.set("spec", template.path("spec").deepCopy());
    ObjectNode status = pod.putObject("status");
    status.put("phase", "Pending");
    return pod;
  }

  private static EmulatedPod emulated(JsonNode pod, JsonNode job, int index) {
    JsonNode container = pod.path("spec").path("containers").path(0);
    Map<String, String> env = new LinkedHashMap<>();
    for (JsonNode variable : container.path("env")) {
      String name = variable.path("name").asText();
      if (variable.has("value")) {
        env.put(name, variable.path("value").asText());
        continue;
      }
      Matcher field =
          FIELD_PATH.matcher(
              variable.path("valueFrom").path("fieldRef").path("fieldPath").asText());
      if (field.matches()) {
        JsonNode value = pod.path("metadata").path(field.group(1)).path(field.group(2));
        if (!value.isMissingNode()) {
          env.put(name, value.asText());
        }
      }
    }
    return new EmulatedPod(
        pod.path("metadata").path("namespace").asText(),
        pod.path("metadata").path("name").asText(),
        job.path("metadata").path("name").asText(),
        index,
        expand(container.path("command"), env),
        expand(container.path("args"), env),
        env,
        pod);
  }

  /** {@code $(NAME)} replaced by the variable's value, as the kubelet does; unknown ones stay. */
  private static List<String> expand(JsonNode words, Map<String, String> env) {
    List<String> expanded = new ArrayList<>();
    for (JsonNode word : words) {
      Matcher variable = VARIABLE.matcher(word.asText());
      StringBuilder out = new StringBuilder();
      while (variable.find()) {
        String value = env.getOrDefault(variable.group(1), variable.group());
        variable.appendReplacement(out, Matcher.quoteReplacement(value));
      }
      variable.appendTail(out);
      expanded.add(out.toString());
    }
    return expanded;
  }

  private void run(PodRunner current, EmulatedPod pod) {
    String started = now();
    PodRun result;
    try {
      result = current.run(pod);
    } catch (Exception e) {
      result = PodRun.failed(1, "the pod runner failed: " + e);
    }
    PodRun outcome = result;
    String path = "/api/v1/namespaces/" + pod.namespace() + "/pods/" + pod.name();
    if (outcome instanceof PodRun.Ran ran) {
      logs.put(pod.namespace() + "/" + pod.name(), ran.log());
    }
    control.execute(
        () -> {
          boolean updated = store.update(path, stored -> finish(stored, outcome, started));
          if (updated) {
            updateJob(pod.namespace(), pod.job());
          }
        });
  }

  private static void finish(ObjectNode pod, PodRun outcome, String started) {
    ObjectNode status = pod.putObject("status");
    if (outcome instanceof PodRun.NeverStarts never) {
      status.put("phase", "Pending");
      status
          .putArray("conditions")
          .addObject()
          .put("type", "PodScheduled")
          .put("status", "False")
          .put("reason", never.reason());
      return;
    }
    PodRun.Ran ran = (PodRun.Ran) outcome;
    status.put("phase", ran.exitCode() == 0 ? "Succeeded" : "Failed");
    status.put("startTime", started);
    ObjectNode terminated =
        status
            .putArray("containerStatuses")
            .addObject()
            .put("name", pod.path("spec").path("containers").path(0).path("name").asText())
            .put("ready", false)
            .put("restartCount", 0)
            .putObject("state")
            .putObject("terminated");
    terminated.put("exitCode", ran.exitCode());
    terminated.put("reason", ran.exitCode() == 0 ? "Completed" : "Error");
    terminated.put("startedAt", started);
    terminated.put("finishedAt", now());
  }

  /** The Job's status from its pods: counts, completed indexes, and Complete or Failed. */
  private void updateJob(String namespace, String jobName) {
    List<JsonNode> pods =
        store.all(
            o ->
                o.path("kind").asText().equals("Pod")
                    && o.path("metadata").path("namespace").asText().equals(namespace)
                    && o.path("metadata").path("labels").path(JOB_NAME).asText().equals(jobName));
    store.update(
        "/apis/batch/v1/namespaces/" + namespace + "/jobs/" + jobName,
        job -> {
          int succeeded = 0;
          int failed = 0;
          List<Integer> done = new ArrayList<>();
          for (JsonNode pod : pods) {
            String phase = pod.path("status").path("phase").asText();
            if (phase.equals("Succeeded")) {
              succeeded++;
              done.add(pod.path("metadata").path("labels").path(INDEX).asInt(0));
            } else if (phase.equals("Failed")) {
              failed++;
            }
          }
          done.sort(Integer::compare);
          int completions = job.path("spec").path("completions").asInt(1);
          int backoffLimit = job.path("spec").path("backoffLimit").asInt(6);
          ObjectNode status = job.putObject("status");
          status.put("succeeded", succeeded);
          status.put("failed", failed);
          status.put("active", pods.size() - succeeded - failed);
          if (!done.isEmpty()) {
            status.put(
                "completedIndexes", String.join(",", done.stream().map(String::valueOf).toList()));
          }
          ArrayNode conditions = status.putArray("conditions");
          if (failed > backoffLimit) {
            condition(conditions, "Failed", "BackoffLimitExceeded");
          } else if (succeeded >= completions) {
            condition(conditions, "Complete", "Completed");
            status.put("completionTime", now());
          }
        });
  }

  private static void condition(ArrayNode conditions, String type, String reason) {
    conditions
        .addObject()
        .put("type", type)
        .put("status", "True")
        .put("reason", reason)
        .put("lastTransitionTime", now());
  }

  /** Deletes every object whose owner references name {@code uid}, and theirs in turn. */
  private void collectDependents(String uid) {
    List<JsonNode> dependents =
        store.all(
            o -> {
              for (JsonNode owner : o.path("metadata").path("ownerReferences")) {
                if (owner.path("uid").asText().equals(uid)) {
                  return true;
                }
              }
              return false;
            });
    dependents.forEach(store::delete);
  }

  private static String now() {
    return Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
  }

  private static java.util.concurrent.ThreadFactory daemon(String name) {
    return task -> {
      Thread thread = new Thread(task, name);
      thread.setDaemon(true);
      return thread;
    };
  }

  @Override
  public void close() {
    control.shutdownNow();
    kubelet.shutdownNow();
    try {
      control.awaitTermination(2, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
