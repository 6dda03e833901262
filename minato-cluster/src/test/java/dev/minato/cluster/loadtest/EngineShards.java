package dev.minato.cluster.loadtest;

import dev.minato.cluster.sandbox.EmulatedPod;
import dev.minato.cluster.sandbox.PodRun;
import dev.minato.cluster.sandbox.PodRunner;
import dev.minato.load.engine.LoadRun;
import dev.minato.load.scenario.Scenario;
import dev.minato.load.scenario.ScenarioReader;
import dev.minato.load.scenario.Shard;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Runs an emulated shard pod as the real image would: {@code minato load run SCENARIO --shard K/N
 * --hlog - --start-at T}, with the scenario from the run's ConfigMap, on the real engine in this
 * JVM; the pod's log is the shard's HdrHistogram log. Pods can be told to start late (as pods on a
 * slow node do) to show the start time holds them together.
 */
final class EngineShards implements PodRunner {

  private final KubernetesClient client;
  private final Map<Integer, Long> lateStartMillis;
  final Map<Integer, Instant> began = new ConcurrentHashMap<>();
  final Map<Integer, List<String>> args = new ConcurrentHashMap<>();

  EngineShards(KubernetesClient client, Map<Integer, Long> lateStartMillis) {
    this.client = client;
    this.lateStartMillis = lateStartMillis;
  }

  @Override
  public PodRun run(EmulatedPod pod) throws Exception {
    args.put(pod.index(), pod.args());
    Thread.sleep(lateStartMillis.getOrDefault(pod.index(), 0L));
    List<String> words = pod.args();
    assert words.get(0).equals("load") && words.get(1).equals("run");
    Shard shard = Shard.parse(value(words, "--shard")).orElseThrow();
    Optional<Instant> startAt =
        words.contains("--start-at")
            ? Optional.of(Instant.parse(value(words, "--start-at")))
            : Optional.empty();
    ConfigMap scenarioMap =
        client.configMaps().inNamespace(pod.namespace()).withName(pod.job()).get();
    Scenario scenario =
        ScenarioReader.read(words.get(2), scenarioMap.getData().get("scenario.yaml"), null);
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    LoadRun run =
        LoadRun.start(scenario, shard, Optional.of(log), p -> {}, OptionalInt.of(1), startAt);
    began.put(pod.index(), Instant.now());
    run.await();
    return PodRun.succeeded(
        "minato: shard "
            + shard
            + ": SLOs not judged here\n"
            + log.toString(StandardCharsets.UTF_8));
  }

  private static String value(List<String> words, String flag) {
    return words.get(words.indexOf(flag) + 1);
  }
}
