package dev.minato.cluster.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.minato.cluster.testing.Eventually;
import dev.minato.cluster.testing.Sandbox;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmulatedControllersTest {

  static final String INDEXED_JOB =
      """
      apiVersion: batch/v1
      kind: Job
      metadata: {name: shards, namespace: default}
      spec:
        completionMode: Indexed
        completions: 3
        parallelism: 3
        backoffLimit: 0
        template:
          metadata: {labels: {run: shards}}
          spec:
            restartPolicy: Never
            containers:
              - name: work
                image: example/work
                command: [work]
                args: [--shard, "$(INDEX)/3", --fixed, "$(UNKNOWN)"]
                env:
                  - {name: MODE, value: fast}
                  - name: INDEX
                    valueFrom:
                      fieldRef:
                        fieldPath: "metadata.annotations['batch.kubernetes.io/job-completion-index']"
      """;

  @TempDir Path dir;
  Sandbox sandbox;

  @BeforeEach
  void start() {
    sandbox = Sandbox.start(dir, "emu");
  }

  @AfterEach
  void stop() {
    sandbox.close();
  }

  private List<Pod> pods() {
    return sandbox
        .client
        .pods()
        .inNamespace("default")
        .withLabel("job-name", "shards")
        .list()
        .getItems();
  }

  @Test
  void withoutARunnerAJobsPodsAreCreatedAndStayPending() {
    sandbox.create(INDEXED_JOB);
    Eventually.within(
        Duration.ofSeconds(10), "the emulated controllers act", () -> pods().size() == 3);
    assertThat(pods())
        .allSatisfy(pod -> assertThat(pod.getStatus().getPhase()).isEqualTo("Pending"));
    assertThat(pods())
        .extracting(
            pod ->
                pod.getMetadata().getAnnotations().get("batch.kubernetes.io/job-completion-index"))
        .containsExactlyInAnyOrder("0", "1", "2");
  }

  @Test
  void aRunnerSeesTheCommandLineWithTheIndexResolvedAndItsLogIsServed() {
    Map<Integer, EmulatedPod> seen = new ConcurrentHashMap<>();
    sandbox.emulator.runPods(
        pod -> {
          seen.put(pod.index(), pod);
          return PodRun.succeeded("shard " + pod.index() + " done\n");
        });
    sandbox.create(INDEXED_JOB);
    Eventually.within(
        Duration.ofSeconds(10), "the emulated controllers act", () -> jobCondition("Complete"));
    assertThat(seen.get(2).args()).containsExactly("--shard", "2/3", "--fixed", "$(UNKNOWN)");
    assertThat(seen.get(2).env()).containsEntry("MODE", "fast");
    Pod pod =
        pods().stream()
            .filter(p -> p.getMetadata().getName().startsWith("shards-1-"))
            .findFirst()
            .orElseThrow();
    assertThat(pod.getStatus().getPhase()).isEqualTo("Succeeded");
    assertThat(
            sandbox
                .client
                .pods()
                .inNamespace("default")
                .withName(pod.getMetadata().getName())
                .getLog())
        .isEqualTo("shard 1 done\n");
    Job job = sandbox.client.batch().v1().jobs().inNamespace("default").withName("shards").get();
    assertThat(job.getStatus().getSucceeded()).isEqualTo(3);
    assertThat(job.getStatus().getCompletedIndexes()).isEqualTo("0,1,2");
  }

  @Test
  void aFailedPodFailsAJobWithoutRetries() {
    sandbox.emulator.runPods(
        pod -> pod.index() == 1 ? PodRun.failed(3, "boom\n") : PodRun.succeeded("ok\n"));
    sandbox.create(INDEXED_JOB);
    Eventually.within(
        Duration.ofSeconds(10), "the emulated controllers act", () -> jobCondition("Failed"));
    Job job = sandbox.client.batch().v1().jobs().inNamespace("default").withName("shards").get();
    assertThat(job.getStatus().getFailed()).isEqualTo(1);
    assertThat(job.getStatus().getSucceeded()).isEqualTo(2);
  }

  @Test
  void aPodThatNeverStartsStaysPendingAndHasNoLog() {
    sandbox.emulator.runPods(pod -> PodRun.neverStarts());
    sandbox.create(INDEXED_JOB);
    Eventually.within(
        Duration.ofSeconds(10),
        "the emulated controllers act",
        () ->
            pods().size() == 3
                && pods().stream().allMatch(p -> !p.getStatus().getConditions().isEmpty()));
    String name = pods().get(0).getMetadata().getName();
    assertThat(pods().get(0).getStatus().getPhase()).isEqualTo("Pending");
    try {
      sandbox.client.pods().inNamespace("default").withName(name).getLog();
      org.junit.jupiter.api.Assertions.fail("a pod that never started has no log");
    } catch (KubernetesClientException e) {
      assertThat(e.getCode()).isEqualTo(400);
    }
  }

  @Test
  void deletingAnOwnerDeletesItsDependents() {
    sandbox.create(INDEXED_JOB);
    Eventually.within(
        Duration.ofSeconds(10), "the emulated controllers act", () -> pods().size() == 3);
    sandbox.client.batch().v1().jobs().inNamespace("default").withName("shards").delete();
    Eventually.within(
        Duration.ofSeconds(10), "the emulated controllers act", () -> pods().isEmpty());
  }

  @Test
  void aCustomResourceWithAStatusSubresourceKeepsStatusApartFromSpec() {
    sandbox.create(
        EmulatorTest.CRD.replace(
            "storage: true", "storage: true\n      subresources: {status: {}}"));
    sandbox.create(
        """
        apiVersion: example.com/v1
        kind: Widget
        metadata: {name: w, namespace: default}
        spec: {size: 1}
        """);
    var widgets =
        sandbox
            .client
            .genericKubernetesResources("example.com/v1", "Widget")
            .inNamespace("default");
    GenericKubernetesResource widget = widgets.withName("w").get();
    widget.setAdditionalProperty("status", Map.of("phase", "Done"));
    widgets.resource(widget).updateStatus();
    GenericKubernetesResource again = widgets.withName("w").get();
    assertThat(again.getAdditionalProperties().get("status")).isEqualTo(Map.of("phase", "Done"));
    again.setAdditionalProperty("status", Map.of("phase", "Forged"));
    again.setAdditionalProperty("spec", Map.of("size", 2));
    widgets.resource(again).update();
    GenericKubernetesResource last = widgets.withName("w").get();
    assertThat(last.getAdditionalProperties().get("status")).isEqualTo(Map.of("phase", "Done"));
    assertThat(last.getAdditionalProperties().get("spec")).isEqualTo(Map.of("size", 2));
  }

  private boolean jobCondition(String type) {
    Job job = sandbox.client.batch().v1().jobs().inNamespace("default").withName("shards").get();
    return job != null
        && job.getStatus() != null
        && job.getStatus().getConditions() != null
        && job.getStatus().getConditions().stream()
            .anyMatch(c -> c.getType().equals(type) && c.getStatus().equals("True"));
  }
}
