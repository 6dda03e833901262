package dev.minato.cluster.loadtest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.minato.load.engine.PendingLimit;
import dev.minato.load.job.ShardJob;
import dev.minato.load.resource.LoadTestStatus;
import dev.minato.load.resource.Notification;
import dev.minato.load.resource.ReportConfigMap;
import dev.minato.load.resource.ReportObjects;
import dev.minato.load.resource.ReportPlace;
import dev.minato.load.resource.RunJudgement;
import dev.minato.load.resource.ShardOutcome;
import dev.minato.load.scenario.Scenario;
import dev.minato.load.scenario.ScenarioException;
import dev.minato.load.scenario.Shard;
import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.cache.Store;
import java.math.BigDecimal;
import java.net.HttpURLConnection;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The decisions about one LoadTest, made on the controller's one worker thread:
 *
 * <ol>
 *   <li>new: read the spec with the scenario reader (an invalid one fails at once, nothing sent),
 *       create the scenario ConfigMap and the Indexed Job that {@code load job} renders, owned by
 *       the LoadTest, with a start time {@code startDelay} ahead for every shard, and mark it
 *       Running;
 *   <li>running: for every shard index, wait until its pod ended (its log is read once), failed, or
 *       did not start within {@code startGrace} of the start time;
 *   <li>then: merge the logs exactly, evaluate the SLOs on the merged result only, write the
 *       reports to the object store when one is configured (else, or when that fails, to a
 *       ConfigMap it owns), write the verdict into the status, and post the summary.
 * </ol>
 *
 * It never touches an object it did not create: a Job or ConfigMap of the same name that the
 * LoadTest does not own makes the test fail with that reason instead.
 */
final class LoadTestReconciler {

  static final String START_AT_ANNOTATION = "load.minato.dev/start-at";
  private static final String INDEX = "batch.kubernetes.io/job-completion-index";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final KubernetesClient client;
  private final ControllerOptions options;
  private final Store<GenericKubernetesResource> tests;
  private final Optional<Notification> notification;
  private final Consumer<String> events;
  private final Clock clock;
  private final Map<String, String> logs = new ConcurrentHashMap<>();
  private final Set<String> announced = ConcurrentHashMap.newKeySet();

  LoadTestReconciler(
      KubernetesClient client,
      ControllerOptions options,
      Store<GenericKubernetesResource> tests,
      Optional<Notification> notification,
      Consumer<String> events,
      Clock clock) {
    this.client = client;
    this.options = options;
    this.tests = tests;
    this.notification = notification;
    this.events = events;
    this.clock = clock;
  }

  void report(String line) {
    events.accept(line);
  }

  void reconcile(String key) {
    if (tests.getByKey(key) == null) {
      return;
    }
    // Decide on what the API server holds now, not on the cache: a watch event the cache missed
    // would otherwise leave a decision on a stale object (and every status write conflicting).
    String[] parts = key.split("/", 2);
    GenericKubernetesResource current =
        client
            .genericKubernetesResources(LoadTestResource.CONTEXT)
            .inNamespace(parts[0])
            .withName(parts[1])
            .get();
    if (current == null) {
      return;
    }
    JsonNode test = LoadTestResource.tree(current);
    if (!test.path("metadata").path("deletionTimestamp").asText("").isEmpty()) {
      stop(test);
      return;
    }
    String phase = test.path("status").path("phase").asText("");
    if (phase.equals(LoadTestStatus.PASSED) || phase.equals(LoadTestStatus.FAILED)) {
      return;
    }
    Scenario scenario;
    int shards;
    LoadTestResource.PodResources resources;
    try {
      scenario = LoadTestResource.scenario(test);
      shards = LoadTestResource.shards(test);
      resources =
          LoadTestResource.resources(
              test, new LoadTestResource.PodResources(options.cpu(), options.memory()));
      refusal(scenario, shards, resources)
          .ifPresent(
              why -> {
                throw new Refused(why);
              });
    } catch (ScenarioException e) {
      refuse(test, "InvalidSpec", e.getMessage());
      return;
    } catch (Refused e) {
      refuse(test, "InvalidSpec", e.getMessage());
      return;
    }
    String runName = ShardJob.objectName(scenario.name());
    Job job = client.batch().v1().jobs().inNamespace(namespace(test)).withName(runName).get();
    if (!phase.equals(LoadTestStatus.RUNNING)) {
      begin(test, scenario, shards, resources, runName, job);
    } else {
      follow(test, scenario, shards, runName, job);
    }
  }

  /** A LoadTest that cannot run; the message says why and what to change. */
  private static final class Refused extends RuntimeException {
    Refused(String message) {
      super(message, null, false, false);
    }
  }

  private Optional<String> refusal(
      Scenario scenario, int shards, LoadTestResource.PodResources resources) {
    if (scenario.model() instanceof dev.minato.load.scenario.ArrivalModel.Closed closed
        && closed.concurrency() < shards) {
      return Optional.of(
          "concurrency " + closed.concurrency() + " cannot be split over " + shards + " shards");
    }
    // The pods' JVMs take a quarter of their memory as heap, as 'load job' reckons.
    long heap = resources.memory().value().divide(BigDecimal.valueOf(4)).longValue();
    return PendingLimit.of(scenario.timeout(), heap).refusal(scenario, new Shard(0, shards));
  }

  private void begin(
      JsonNode test,
      Scenario scenario,
      int shards,
      LoadTestResource.PodResources resources,
      String runName,
      Job job) {
    Instant startAt;
    if (job != null) {
      // Created before a restart of the controller, or before the status write was seen.
      if (!LoadTestResource.ownedBy(LoadTestController.tree(job), LoadTestResource.uid(test))) {
        refuse(test, "NotOwned", notOwned("Job", runName));
        return;
      }
      startAt = startAtOf(job).orElse(now());
    } else {
      startAt = now().plus(options.startDelay()).truncatedTo(ChronoUnit.SECONDS).plusSeconds(1);
      List<ObjectNode> objects;
      try {
        objects =
            ShardJob.objects(
                scenario,
                new ShardJob.Options(
                    shards,
                    options.image(),
                    resources.cpu(),
                    resources.memory(),
                    Optional.of(startAt)));
      } catch (ScenarioException e) {
        refuse(test, "InvalidSpec", e.getMessage());
        return;
      }
      for (ObjectNode object : objects) {
        Optional<String> problem = create(test, object, startAt);
        if (problem.isPresent()) {
          refuse(test, "NotOwned", problem.get());
          return;
        }
      }
      events.accept(
          LoadTestResource.key(test)
              + ": created Job "
              + runName
              + " ("
              + shards
              + " shard(s)), start at "
              + startAt);
    }
    writeStatus(
        test,
        LoadTestStatus.running(
            test.path("metadata").path("generation").asLong(1), runName, shards, startAt, now()));
  }

  /** Creates one object of the run, owned by the test; an existing one must be the test's. */
  private Optional<String> create(JsonNode test, ObjectNode object, Instant startAt) {
    String kind = object.path("kind").asText();
    String name = object.path("metadata").path("name").asText();
    ObjectNode metadata = (ObjectNode) object.path("metadata");
    metadata.put("namespace", namespace(test));
    ((ObjectNode) metadata.withObject("/labels"))
        .put(LoadTestResource.LOADTEST_LABEL, test.path("metadata").path("name").asText());
    ObjectNode owner = metadata.putArray("ownerReferences").addObject();
    owner.put("apiVersion", test.path("apiVersion").asText());
    owner.put("kind", test.path("kind").asText());
    owner.put("name", test.path("metadata").path("name").asText());
    owner.put("uid", LoadTestResource.uid(test));
    owner.put("controller", true);
    owner.put("blockOwnerDeletion", true);
    if (kind.equals("Job")) {
      metadata.withObject("/annotations").put(START_AT_ANNOTATION, startAt.toString());
      // The pods carry the LoadTest's label too, so the pod informer (watching by it) sees them.
      ((ObjectNode) object.withObject("/spec/template/metadata").withObject("/labels"))
          .put(LoadTestResource.LOADTEST_LABEL, test.path("metadata").path("name").asText());
    }
    GenericKubernetesResource resource = JSON.convertValue(object, GenericKubernetesResource.class);
    try {
      client.resource(resource).inNamespace(namespace(test)).create();
      return Optional.empty();
    } catch (KubernetesClientException e) {
      if (e.getCode() != HttpURLConnection.HTTP_CONFLICT) {
        throw e;
      }
    }
    GenericKubernetesResource existing =
        client.resource(resource).inNamespace(namespace(test)).get();
    if (existing != null
        && LoadTestResource.ownedBy(LoadTestResource.tree(existing), LoadTestResource.uid(test))) {
      return Optional.empty();
    }
    return Optional.of(notOwned(kind, name));
  }

  private static String notOwned(String kind, String name) {
    return kind
        + " "
        + name
        + " exists and does not belong to this LoadTest (no owner reference to it); rename the"
        + " LoadTest or remove the "
        + kind;
  }

  private void follow(JsonNode test, Scenario scenario, int shards, String runName, Job job) {
    JsonNode status = test.path("status");
    Instant startAt = parseInstant(status.path("startAt").asText()).orElse(now());
    Instant neverStarted = startAt.plus(options.startGrace());
    Optional<Instant> hung =
        scenario
            .plannedDuration()
            .map(d -> startAt.plus(d).plus(scenario.timeout()).plus(options.startGrace()));
    List<Pod> shardPods =
        client.pods().inNamespace(namespace(test)).withLabel("job-name", runName).list().getItems();
    List<ShardOutcome> outcomes = new ArrayList<>();
    for (int index = 0; index < shards; index++) {
      Optional<ShardOutcome> outcome =
          outcome(index, podOf(shardPods, index), job == null, neverStarted, hung);
      if (outcome.isEmpty()) {
        return; // this shard is still due or running: look again on the next change or tick
      }
      outcomes.add(outcome.get());
    }
    finish(test, runName, job, outcomes);
  }

  private static Optional<Pod> podOf(List<Pod> shardPods, int index) {
    for (Pod pod : shardPods) {
      Map<String, String> annotations = pod.getMetadata().getAnnotations();
      if (annotations != null && String.valueOf(index).equals(annotations.get(INDEX))) {
        return Optional.of(pod);
      }
    }
    return Optional.empty();
  }

  /** What became of shard {@code index}, or empty while it may still run. */
  private Optional<ShardOutcome> outcome(
      int index, Optional<Pod> pod, boolean jobGone, Instant neverStarted, Optional<Instant> hung) {
    Instant now = now();
    if (pod.isEmpty()) {
      if (jobGone) {
        return Optional.of(ShardOutcome.failed(index, "its Job was deleted"));
      }
      return now.isAfter(neverStarted)
          ? Optional.of(
              ShardOutcome.neverStarted(
                  index, "no pod was created by " + neverStarted.truncatedTo(ChronoUnit.SECONDS)))
          : Optional.empty();
    }
    Pod shard = pod.get();
    String phase = shard.getStatus() == null ? "" : String.valueOf(shard.getStatus().getPhase());
    switch (phase) {
      case "Succeeded" -> {
        Optional<String> log = log(shard);
        return Optional.of(
            log.isPresent()
                ? ShardOutcome.succeeded(index, log.get())
                : ShardOutcome.failed(index, "its log could not be read"));
      }
      case "Failed" -> {
        return Optional.of(ShardOutcome.failed(index, exitReason(shard)));
      }
      case "Running" -> {
        if (hung.isPresent() && now.isAfter(hung.get())) {
          return Optional.of(
              ShardOutcome.failed(index, "still running after the planned end and the grace"));
        }
        return Optional.empty();
      }
      default -> {
        if (jobGone || now.isAfter(neverStarted)) {
          return Optional.of(
              ShardOutcome.neverStarted(
                  index,
                  "pod "
                      + shard.getMetadata().getName()
                      + " still "
                      + (phase.isEmpty() ? "Pending" : phase)
                      + " "
                      + options.startGrace().toSeconds()
                      + "s after the start time"
                      + pendingReason(shard)));
        }
        return Optional.empty();
      }
    }
  }

  private static String pendingReason(Pod pod) {
    if (pod.getStatus() == null || pod.getStatus().getConditions() == null) {
      return "";
    }
    return pod.getStatus().getConditions().stream()
        .filter(c -> "False".equals(c.getStatus()) && c.getReason() != null)
        .map(c -> ": " + c.getType() + " " + c.getReason())
        .findFirst()
        .orElse("");
  }

  private static String exitReason(Pod pod) {
    var statuses = pod.getStatus().getContainerStatuses();
    if (statuses != null && !statuses.isEmpty()) {
      var terminated = statuses.get(0).getState().getTerminated();
      if (terminated != null) {
        return "pod "
            + pod.getMetadata().getName()
            + " exited "
            + terminated.getExitCode()
            + (terminated.getReason() == null ? "" : " (" + terminated.getReason() + ")");
      }
    }
    String reason = pod.getStatus().getReason();
    return "pod " + pod.getMetadata().getName() + " failed" + (reason == null ? "" : ": " + reason);
  }

  /** The pod's log, read once and kept: a finished pod's log does not change. */
  private Optional<String> log(Pod pod) {
    String uid = pod.getMetadata().getUid();
    String cached = logs.get(uid);
    if (cached != null) {
      return Optional.of(cached);
    }
    try {
      String text =
          client
              .pods()
              .inNamespace(pod.getMetadata().getNamespace())
              .withName(pod.getMetadata().getName())
              .getLog();
      if (text == null) {
        return Optional.empty();
      }
      logs.put(uid, text);
      return Optional.of(text);
    } catch (KubernetesClientException e) {
      events.accept(
          pod.getMetadata().getNamespace()
              + "/"
              + pod.getMetadata().getName()
              + ": cannot read the log: "
              + e.getMessage());
      return Optional.empty();
    }
  }

  private void finish(JsonNode test, String runName, Job job, List<ShardOutcome> outcomes) {
    RunJudgement judgement = RunJudgement.judge(outcomes);
    ReportPlace place =
        new ReportPlace.InConfigMap(ReportConfigMap.name(runName), Optional.empty());
    if (judgement.results().isPresent()) {
      place = keepReport(test, runName, judgement);
      if (place instanceof ReportPlace.InConfigMap map) {
        Optional<String> problem =
            create(test, ReportConfigMap.render(runName, judgement), Instant.EPOCH);
        if (problem.isPresent()) {
          refuse(test, "NotOwned", problem.get());
          return;
        }
        map.storeFailure()
            .ifPresent(
                why ->
                    events.accept(
                        LoadTestResource.key(test)
                            + ": the report could not be stored ("
                            + why
                            + "); kept it in the ConfigMap "
                            + map.configMap()));
      }
    }
    if (judgement.partial() && job != null) {
      // Pods that never started must not start later and send load nobody measures.
      deleteOwned(namespace(test), LoadTestResource.uid(test), List.of(job));
    }
    ObjectNode status =
        LoadTestStatus.finished(
            (ObjectNode) test.path("status").deepCopy(), judgement, place, now());
    if (writeStatus(test, status)) {
      announce(
          test,
          LoadTestStatus.summary(
              namespace(test), test.path("metadata").path("name").asText(), judgement));
    }
  }

  /**
   * Writes the reports to the object store when one is configured; where they are, or the ConfigMap
   * they must go to (with the store's failure, if it failed).
   */
  private ReportPlace keepReport(JsonNode test, String runName, RunJudgement judgement) {
    String configMap = ReportConfigMap.name(runName);
    if (options.reportStore().isEmpty()) {
      return new ReportPlace.InConfigMap(configMap, Optional.empty());
    }
    ReportPlace place =
        ReportObjects.store(
            options.reportStore().get(),
            namespace(test),
            test.path("metadata").path("name").asText(),
            LoadTestResource.uid(test),
            judgement,
            configMap);
    if (place instanceof ReportPlace.InStore stored) {
      events.accept(LoadTestResource.key(test) + ": report stored at " + stored.html());
    }
    return place;
  }

  private void refuse(JsonNode test, String reason, String message) {
    ObjectNode status =
        LoadTestStatus.refused(
            test.path("metadata").path("generation").asLong(1), reason, message, now());
    if (writeStatus(test, status)) {
      announce(test, "LoadTest " + LoadTestResource.key(test) + " Failed: " + message);
    }
  }

  private void announce(JsonNode test, String summary) {
    if (!announced.add(LoadTestResource.uid(test))) {
      return;
    }
    events.accept(summary);
    notification.ifPresent(
        hook -> hook.post(summary).ifPresent(why -> events.accept("notification failed: " + why)));
  }

  /** Writes the status through the status subresource; false when the test changed meanwhile. */
  private boolean writeStatus(JsonNode test, ObjectNode status) {
    GenericKubernetesResource updated =
        JSON.convertValue(
            ((ObjectNode) test.deepCopy()).set("status", status), GenericKubernetesResource.class);
    try {
      client
          .genericKubernetesResources(LoadTestResource.CONTEXT)
          .inNamespace(namespace(test))
          .resource(updated)
          .updateStatus();
      return true;
    } catch (KubernetesClientException e) {
      if (e.getCode() == HttpURLConnection.HTTP_CONFLICT
          || e.getCode() == HttpURLConnection.HTTP_NOT_FOUND) {
        return false; // a newer version will be reconciled when the informer delivers it
      }
      throw e;
    }
  }

  /**
   * The LoadTest is gone (or going): delete the Jobs it owns at once, rather than wait for the
   * garbage collector, so its pods stop sending. Only Jobs whose owner reference names its UID are
   * touched. Its ConfigMaps and client-certificate Secret send nothing and are left to the garbage
   * collector: listing them would let the controller read every ConfigMap and Secret it may list.
   */
  void stop(JsonNode test) {
    String namespace = namespace(test);
    String uid = LoadTestResource.uid(test);
    String name = test.path("metadata").path("name").asText();
    List<io.fabric8.kubernetes.api.model.HasMetadata> owned = new ArrayList<>();
    owned.addAll(
        client
            .batch()
            .v1()
            .jobs()
            .inNamespace(namespace)
            .withLabel(LoadTestResource.LOADTEST_LABEL, name)
            .list()
            .getItems());
    int deleted = deleteOwned(namespace, uid, owned);
    if (deleted > 0) {
      events.accept(
          namespace + "/" + name + ": LoadTest deleted; deleted its " + deleted + " object(s)");
    }
  }

  private int deleteOwned(
      String namespace,
      String uid,
      List<? extends io.fabric8.kubernetes.api.model.HasMetadata> objects) {
    int deleted = 0;
    for (var object : objects) {
      if (!LoadTestResource.ownedBy(LoadTestController.tree(object), uid)) {
        continue;
      }
      try {
        client
            .resource(object)
            .inNamespace(namespace)
            .withPropagationPolicy(DeletionPropagation.BACKGROUND)
            .delete();
        deleted++;
      } catch (KubernetesClientException e) {
        if (e.getCode() != HttpURLConnection.HTTP_NOT_FOUND) {
          throw e;
        }
      }
    }
    return deleted;
  }

  private static Optional<Instant> startAtOf(Job job) {
    Map<String, String> annotations = job.getMetadata().getAnnotations();
    return annotations == null
        ? Optional.empty()
        : parseInstant(annotations.getOrDefault(START_AT_ANNOTATION, ""));
  }

  private static Optional<Instant> parseInstant(String text) {
    try {
      return Optional.of(Instant.parse(text));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  private static String namespace(JsonNode test) {
    return test.path("metadata").path("namespace").asText();
  }

  private Instant now() {
    return clock.instant();
  }
}
