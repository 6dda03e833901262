package dev.minato.cluster.loadtest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.minato.cluster.sandbox.PodRun;
import dev.minato.cluster.testing.Eventually;
import dev.minato.cluster.testing.Sandbox;
import dev.minato.load.resource.LoadTestCrd;
import dev.minato.load.stats.ShardLog;
import dev.minato.load.store.Credentials;
import dev.minato.load.store.LoopbackS3;
import dev.minato.load.store.ObjectStore;
import dev.minato.load.store.S3Location;
import dev.minato.manifest.YamlWriter;
import dev.minato.manifest.quantity.Quantity;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LoadTestControllerTest {

  private static final Credentials STORE_KEY =
      new Credentials("AKIALOADTEST", "loadtest/secret/key", Optional.empty());

  @TempDir Path dir;
  Sandbox sandbox;
  HttpServer target;
  HttpServer webhook;
  final List<String> posted = new CopyOnWriteArrayList<>();
  final List<String> events = new CopyOnWriteArrayList<>();
  LoadTestController controller;

  @BeforeEach
  void start() throws Exception {
    sandbox = Sandbox.start(dir, "emu");
    sandbox.create(YamlWriter.write(LoadTestCrd.render()));
    target = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 128);
    target.createContext(
        "/",
        exchange -> {
          byte[] body = "ok".getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(200, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    target.start();
    webhook = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
    webhook.createContext(
        "/hook",
        exchange -> {
          posted.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
          exchange.sendResponseHeaders(200, -1);
          exchange.close();
        });
    webhook.start();
  }

  @AfterEach
  void stop() {
    if (controller != null) {
      controller.close();
    }
    sandbox.close();
    target.stop(0);
    webhook.stop(0);
  }

  private void startController() throws Exception {
    startController(Optional.empty());
  }

  /**
   * A start time 1 s ahead, and a grace long enough that a busy machine's slow shards are not taken
   * for shards that never started or hung: tests that expect every shard to finish never wait for
   * it.
   */
  private void startController(Optional<ObjectStore> reportStore) throws Exception {
    startController(reportStore, Duration.ofSeconds(1), Duration.ofSeconds(60));
  }

  private void startController(
      Optional<ObjectStore> reportStore, Duration startDelay, Duration startGrace)
      throws Exception {
    controller =
        LoadTestController.start(
            sandbox.client,
            new ControllerOptions(
                Optional.empty(),
                "ghcr.io/acme/minato:test",
                Quantity.parse("1"),
                Quantity.parse("512Mi"),
                startDelay,
                startGrace,
                Optional.of(
                    URI.create("http://127.0.0.1:" + webhook.getAddress().getPort() + "/hook")),
                reportStore),
            events::add);
  }

  private String loadTest(String name, int shards, String slos) {
    return loadTest(name, shards, slos, "");
  }

  /** A LoadTest with {@code moreAnnotations} (", key: value" pairs) beside its shard count. */
  private String loadTest(String name, int shards, String slos, String moreAnnotations) {
    return """
        apiVersion: load.minato.dev/v1alpha1
        kind: LoadTest
        metadata:
          name: %s
          namespace: default
          annotations: {load.minato.dev/shards: "%d"%s}
        spec:
          target: http://127.0.0.1:%d/
          rate: 100/s
          duration: 1s
          slos: [%s]
        """
        .formatted(name, shards, moreAnnotations, target.getAddress().getPort(), slos);
  }

  private JsonNode status(String name) {
    GenericKubernetesResource test =
        sandbox
            .client
            .genericKubernetesResources("load.minato.dev/v1alpha1", "LoadTest")
            .inNamespace("default")
            .withName(name)
            .get();
    return test == null ? null : LoadTestResource.tree(test).path("status");
  }

  private JsonNode awaitPhase(String name, String phase) {
    // Long enough for a busy machine; a run that gets there waits only as long as it takes.
    Eventually.within(
        Duration.ofSeconds(120),
        name + " reaches " + phase + " (events: " + events + ", pods: " + podPhases() + ")",
        () -> phase.equals(status(name).path("phase").asText()));
    return status(name);
  }

  private List<String> podPhases() {
    return sandbox.client.pods().inNamespace("default").list().getItems().stream()
        .map(p -> p.getMetadata().getName() + "=" + p.getStatus().getPhase())
        .toList();
  }

  private static String condition(JsonNode status, String type) {
    for (JsonNode condition : status.path("conditions")) {
      if (condition.path("type").asText().equals(type)) {
        return condition.path("status").asText();
      }
    }
    return "";
  }

  @Test
  void aLoadTestRunsAsAnIndexedJobAndPassesOnTheMergedResult() throws Exception {
    InProcessShards shards = new InProcessShards(sandbox.client, Map.of());
    sandbox.emulator.runPods(shards);
    startController();
    sandbox.create(loadTest("checkout", 2, "'errors<1%', 'rate>=90/s'"));
    JsonNode running = awaitPhase("checkout", "Running");
    assertThat(condition(running, "Running")).isEqualTo("True");
    JsonNode status = awaitPhase("checkout", "Passed");
    assertThat(status.path("verdict").asText()).isEqualTo("Passed: 2 of 2 SLOs held");
    assertThat(status.path("results").path("requests").asLong()).isEqualTo(100);
    assertThat(status.path("results").path("latency").path("p99").asText()).isNotEmpty();
    assertThat(status.path("partial").asBoolean()).isFalse();
    assertThat(condition(status, "Passed")).isEqualTo("True");
    assertThat(condition(status, "Failed")).isEqualTo("False");
    assertThat(condition(status, "Running")).isEqualTo("False");
    ConfigMap report =
        sandbox
            .client
            .configMaps()
            .inNamespace("default")
            .withName(status.path("report").path("configMap").asText())
            .get();
    assertThat(report.getData().get("report.txt")).contains("2 shards merged");
    assertThat(report.getMetadata().getOwnerReferences().get(0).getKind()).isEqualTo("LoadTest");
    Eventually.within(Duration.ofSeconds(60), "the webhook is posted", () -> posted.size() == 1);
    assertThat(posted.get(0)).startsWith("{\"text\":\"LoadTest default/checkout Passed");
  }

  @Test
  void anSloThatFailsOnTheMergedResultFailsTheTest() throws Exception {
    sandbox.emulator.runPods(new InProcessShards(sandbox.client, Map.of()));
    startController();
    sandbox.create(loadTest("strict", 2, "'p99<1us'"));
    JsonNode status = awaitPhase("strict", "Failed");
    assertThat(status.path("verdict").asText()).startsWith("Failed: FAIL p99<1us: measured");
    assertThat(status.path("partial").asBoolean()).isFalse();
    assertThat(condition(status, "Failed")).isEqualTo("True");
    assertThat(status.path("slos").get(0).path("passed").asBoolean()).isFalse();
  }

  @Test
  void shardsStartedAtDifferentMomentsBeginTheirScheduleAtTheSameInstant() throws Exception {
    // Shard 1's pod is ready 700 ms after shard 0's: without a start time, it would begin later.
    InProcessShards shards = new InProcessShards(sandbox.client, Map.of(1, 700L));
    sandbox.emulator.runPods(shards);
    // The start time is set this far ahead so that both shards are ready before it even on a busy
    // machine, as a cluster's start delay covers scheduling, image pulls and JVM start.
    startController(Optional.empty(), Duration.ofSeconds(8), Duration.ofSeconds(60));
    sandbox.create(loadTest("together", 2, ""));
    JsonNode status = awaitPhase("together", "Passed");
    Instant startAt = Instant.parse(status.path("startAt").asText());
    assertThat(shards.args().get(0)).contains("--start-at", startAt.toString());
    assertThat(shards.args().get(1)).contains("--start-at", startAt.toString());
    ConfigMap report =
        sandbox
            .client
            .configMaps()
            .inNamespace("default")
            .withName("minato-load-together-report")
            .get();
    assertThat(report).isNotNull();
    List<Long> began = new java.util.ArrayList<>();
    for (int index = 0; index < 2; index++) {
      String log =
          sandbox
              .client
              .pods()
              .inNamespace("default")
              .withLabel("batch.kubernetes.io/job-completion-index", String.valueOf(index))
              .list()
              .getItems()
              .stream()
              .map(
                  p ->
                      sandbox
                          .client
                          .pods()
                          .inNamespace("default")
                          .withName(p.getMetadata().getName())
                          .getLog())
              .findFirst()
              .orElseThrow();
      began.add(ShardLog.parse("shard " + index, log).startMillis());
    }
    // Without the start time, each would begin as soon as it was ready, shard 1 700 ms after
    // shard 0; with it, both schedules begin at the start time itself, to the millisecond,
    // however late a busy machine wakes either shard's thread.
    assertThat(began)
        .as("the schedules' origins, both ready before the start time %s", startAt)
        .containsExactly(startAt.toEpochMilli(), startAt.toEpochMilli());
  }

  @Test
  void aShardThatNeverStartsGivesAPartialVerdictAndStopsTheJob() throws Exception {
    InProcessShards engine = new InProcessShards(sandbox.client, Map.of());
    sandbox.emulator.runPods(pod -> pod.index() == 1 ? PodRun.neverStarts() : engine.run(pod));
    // The test waits for this grace to pass; shard 0 must end within it after its planned end.
    startController(Optional.empty(), Duration.ofSeconds(1), Duration.ofSeconds(10));
    sandbox.create(loadTest("half", 2, "'errors<1%'"));
    JsonNode status = awaitPhase("half", "Failed");
    assertThat(status.path("partial").asBoolean()).isTrue();
    assertThat(status.path("verdict").asText())
        .startsWith("Failed: partial run, 1 of 2 shards merged: shard 1: never started")
        .contains("PodScheduled Unschedulable");
    assertThat(status.path("results").path("requests").asLong()).isEqualTo(50);
    assertThat(status.path("shardResults").get(1).path("state").asText())
        .isEqualTo("never-started");
    Eventually.within(
        Duration.ofSeconds(60),
        "the Job of a partial run is deleted",
        () ->
            sandbox
                    .client
                    .batch()
                    .v1()
                    .jobs()
                    .inNamespace("default")
                    .withName("minato-load-half")
                    .get()
                == null);
  }

  @Test
  void deletingTheLoadTestDeletesItsJobAndPods() throws Exception {
    CountDownLatch never = new CountDownLatch(1);
    sandbox.emulator.runPods(
        pod -> {
          never.await();
          return PodRun.succeeded("");
        });
    startController();
    sandbox.create(loadTest("doomed", 2, ""));
    awaitPhase("doomed", "Running");
    Eventually.within(
        Duration.ofSeconds(60),
        "the pods exist",
        () ->
            sandbox
                    .client
                    .pods()
                    .inNamespace("default")
                    .withLabel("job-name", "minato-load-doomed")
                    .list()
                    .getItems()
                    .size()
                == 2);
    sandbox
        .client
        .genericKubernetesResources("load.minato.dev/v1alpha1", "LoadTest")
        .inNamespace("default")
        .withName("doomed")
        .delete();
    Eventually.within(
        Duration.ofSeconds(60),
        "the Job, its pods and the scenario ConfigMap are gone",
        () ->
            sandbox
                        .client
                        .batch()
                        .v1()
                        .jobs()
                        .inNamespace("default")
                        .withName("minato-load-doomed")
                        .get()
                    == null
                && sandbox
                    .client
                    .pods()
                    .inNamespace("default")
                    .withLabel("job-name", "minato-load-doomed")
                    .list()
                    .getItems()
                    .isEmpty()
                && sandbox
                        .client
                        .configMaps()
                        .inNamespace("default")
                        .withName("minato-load-doomed")
                        .get()
                    == null);
    never.countDown();
  }

  @Test
  void anInvalidSpecFailsAtOnceWithTheReadersMessageAndCreatesNothing() throws Exception {
    startController();
    sandbox.create(loadTest("typo", 1, "").replace("rate: 100/s", "rate: fast"));
    JsonNode status = awaitPhase("typo", "Failed");
    assertThat(status.path("verdict").asText()).contains("'fast' is not a rate");
    assertThat(sandbox.client.batch().v1().jobs().inNamespace("default").list().getItems())
        .isEmpty();
  }

  @Test
  void aLoadTestsOwnResourceAnnotationsSizeItsShardPodsOverTheControllersDefaults()
      throws Exception {
    startController();
    sandbox.create(
        loadTest("big", 2, "", ", load.minato.dev/cpu: \"2500m\", load.minato.dev/memory: 3Gi"));
    sandbox.create(loadTest("default-size", 1, ""));
    awaitPhase("big", "Running");
    awaitPhase("default-size", "Running");

    var big = podResources("minato-load-big");
    assertThat(big.getRequests().get("cpu").toString()).isEqualTo("2500m");
    assertThat(big.getRequests().get("memory").toString()).isEqualTo("3Gi");
    assertThat(big.getLimits().get("memory").toString()).isEqualTo("3Gi");
    var usual = podResources("minato-load-default-size");
    assertThat(usual.getRequests().get("cpu").toString()).isEqualTo("1");
    assertThat(usual.getRequests().get("memory").toString()).isEqualTo("512Mi");
  }

  @Test
  void aResourceAnnotationThatIsNotAQuantityFailsTheTestAndCreatesNothing() throws Exception {
    startController();
    sandbox.create(loadTest("greedy", 1, "", ", load.minato.dev/memory: lots"));
    sandbox.create(loadTest("nothing", 1, "", ", load.minato.dev/cpu: \"0\""));

    assertThat(awaitPhase("greedy", "Failed").path("verdict").asText())
        .contains("annotation load.minato.dev/memory: 'lots' is not a quantity")
        .contains("expected a memory size such as 512Mi or 2Gi");
    assertThat(awaitPhase("nothing", "Failed").path("verdict").asText())
        .contains("annotation load.minato.dev/cpu: '0' must be more than zero");
    assertThat(sandbox.client.batch().v1().jobs().inNamespace("default").list().getItems())
        .isEmpty();
  }

  private io.fabric8.kubernetes.api.model.ResourceRequirements podResources(String job) {
    return sandbox
        .client
        .batch()
        .v1()
        .jobs()
        .inNamespace("default")
        .withName(job)
        .get()
        .getSpec()
        .getTemplate()
        .getSpec()
        .getContainers()
        .get(0)
        .getResources();
  }

  @Test
  void aJobOfTheSameNameThatIsNotTheTestsIsLeftAloneAndTheTestFails() throws Exception {
    sandbox.create(
        """
        apiVersion: batch/v1
        kind: Job
        metadata: {name: minato-load-mine, namespace: default, labels: {keep: me}}
        spec:
          template: {spec: {restartPolicy: Never, containers: [{name: x, image: busybox}]}}
        """);
    startController();
    sandbox.create(loadTest("mine", 1, ""));
    JsonNode status = awaitPhase("mine", "Failed");
    assertThat(status.path("verdict").asText())
        .contains("Job minato-load-mine exists and does not belong to this LoadTest");
    assertThat(
            sandbox
                .client
                .batch()
                .v1()
                .jobs()
                .inNamespace("default")
                .withName("minato-load-mine")
                .get()
                .getMetadata()
                .getLabels())
        .containsEntry("keep", "me");
  }

  private ObjectStore reportStore(String endpoint) throws Exception {
    return new ObjectStore(
        S3Location.parse(
            "s3://perf-reports/loadtests",
            Optional.of(endpoint),
            Optional.of("eu-west-1"),
            Optional.empty()),
        STORE_KEY,
        Clock.systemUTC());
  }

  private static HttpResponse<String> fetch(String url) throws Exception {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private static JsonNode conditionOf(JsonNode status, String type) {
    for (JsonNode condition : status.path("conditions")) {
      if (condition.path("type").asText().equals(type)) {
        return condition;
      }
    }
    throw new AssertionError("no condition " + type + " in " + status);
  }

  @Test
  void withAnObjectStoreTheReportsGoThereAndTheStatusPointsAtThem() throws Exception {
    try (LoopbackS3 s3 =
        LoopbackS3.start(
            "perf-reports", STORE_KEY.accessKeyId(), STORE_KEY.secretAccessKey(), "eu-west-1")) {
      sandbox.emulator.runPods(new InProcessShards(sandbox.client, Map.of()));
      startController(Optional.of(reportStore(s3.endpoint())));
      sandbox.create(loadTest("stored", 2, "'errors<1%'"));
      JsonNode status = awaitPhase("stored", "Passed");
      String uid =
          sandbox
              .client
              .genericKubernetesResources("load.minato.dev/v1alpha1", "LoadTest")
              .inNamespace("default")
              .withName("stored")
              .get()
              .getMetadata()
              .getUid();
      String folder = s3.endpoint() + "/perf-reports/loadtests/default/stored/" + uid + "/";
      JsonNode report = status.path("report");
      assertThat(report.path("url").asText()).isEqualTo(folder + "report.html");
      assertThat(report.path("json").asText()).isEqualTo(folder + "report.json");
      assertThat(report.path("location").asText())
          .isEqualTo("s3://perf-reports/loadtests/default/stored/" + uid + "/");
      assertThat(report.has("configMap")).isFalse();
      assertThat(conditionOf(status, "ReportStored").path("status").asText()).isEqualTo("True");

      JsonNode json = new ObjectMapper().readTree(fetch(report.path("json").asText()).body());
      assertThat(json.path("requests").asLong()).isEqualTo(100);
      assertThat(json.path("shards").asInt()).isEqualTo(2);
      assertThat(json.path("slos").get(0).path("slo").asText()).isEqualTo("errors<1%");
      assertThat(json.path("slos").get(0).path("passed").asBoolean()).isTrue();
      HttpResponse<String> html = fetch(report.path("url").asText());
      assertThat(html.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
      assertThat(html.body())
          .startsWith("<!DOCTYPE html>")
          .contains("\"requests\":100")
          .contains("\"slo\":\"errors\\u003c1%\"");
      assertThat(fetch(report.path("text").asText()).body()).contains("2 shards merged");
      assertThat(
              sandbox
                  .client
                  .configMaps()
                  .inNamespace("default")
                  .withName("minato-load-stored-report")
                  .get())
          .as("no ConfigMap copy when the store holds the report")
          .isNull();
      assertThat(s3.refusals()).isEmpty();
      assertThat(String.join("\n", events)).doesNotContain(STORE_KEY.secretAccessKey());
    }
  }

  /**
   * The controller learns of LoadTests only through its informer: one created while every watch is
   * broken (the API server restarting or shedding load) must still reach it when the watches come
   * back and resume from the version they had.
   */
  @Test
  void aLoadTestCreatedWhileTheWatchesAreBrokenRunsOnceTheyResume() throws Exception {
    sandbox.emulator.runPods(new InProcessShards(sandbox.client, Map.of()));
    startController();
    sandbox.emulator.interruptWatches();
    sandbox.create(loadTest("unseen", 1, "'errors<1%'"));
    sandbox.emulator.resumeWatches();
    JsonNode status = awaitPhase("unseen", "Passed");
    assertThat(status.path("verdict").asText()).isEqualTo("Passed: 1 of 1 SLOs held");
  }

  @Test
  void anUnreachableStoreKeepsTheReportInTheConfigMapAndSaysWhyWithTheSameVerdict()
      throws Exception {
    int closed;
    try (ServerSocket socket = new ServerSocket(0)) {
      closed = socket.getLocalPort();
    }
    sandbox.emulator.runPods(new InProcessShards(sandbox.client, Map.of()));
    startController(Optional.of(reportStore("http://127.0.0.1:" + closed)));
    sandbox.create(loadTest("fallback", 2, "'errors<1%'"));
    JsonNode status = awaitPhase("fallback", "Passed");
    assertThat(status.path("verdict").asText()).isEqualTo("Passed: 1 of 1 SLOs held");
    assertThat(status.path("results").path("requests").asLong()).isEqualTo(100);
    assertThat(status.path("report").path("configMap").asText())
        .isEqualTo("minato-load-fallback-report");
    assertThat(status.path("report").has("url")).isFalse();
    JsonNode stored = conditionOf(status, "ReportStored");
    assertThat(stored.path("status").asText()).isEqualTo("False");
    assertThat(stored.path("reason").asText()).isEqualTo("StoreFailed");
    assertThat(stored.path("message").asText())
        .startsWith("cannot reach http://127.0.0.1:" + closed + " to PUT s3://perf-reports/")
        .endsWith("; the report is in the ConfigMap minato-load-fallback-report instead");
    ConfigMap report =
        sandbox
            .client
            .configMaps()
            .inNamespace("default")
            .withName("minato-load-fallback-report")
            .get();
    assertThat(report.getData().get("report.txt")).contains("2 shards merged");
    assertThat(events)
        .anySatisfy(
            line ->
                assertThat(line)
                    .startsWith("default/fallback: the report could not be stored (cannot reach"));
  }
}
