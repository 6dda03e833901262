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
 * Runs the shard pods of a LoadTest's Job on the sandbox emulator as the image would, in this JVM:
 * {@code minato load run SCENARIO --shard K/N --hlog - --start-at T} on the real engine, with the
 * scenario from the run's ConfigMap; the pod's log is the shard's HdrHistogram log after the line a
 * shard prints on standard error, as {@code kubectl logs} mixes them. So a LoadTest runs end to end
 * without a cluster. Pods can be told to become ready late, as pods on a slow node do.
 */
public final class InProcessShards implements PodRunner {

  private final KubernetesClient client;
  private final Map<Integer, Long> lateStartMillis;
  private final Map<Integer, List<String>> args = new ConcurrentHashMap<>();

  /**
   * @param client reads the run's scenario ConfigMap
   * @param lateStartMillis per shard index, how long its pod takes to become ready
   */
  public InProcessShards(KubernetesClient client, Map<Integer, Long> lateStartMillis) {
    this.client = client;
    this.lateStartMillis = Map.copyOf(lateStartMillis);
  }

  /** The command-line arguments each shard's pod was given, by index. */
  public Map<Integer, List<String>> args() {
    return Map.copyOf(args);
  }

  @Override
  public PodRun run(EmulatedPod pod) throws Exception {
    args.put(pod.index(), pod.args());
    Thread.sleep(lateStartMillis.getOrDefault(pod.index(), 0L));
    List<String> words = pod.args();
    if (words.size() < 3 || !words.get(0).equals("load") || !words.get(1).equals("run")) {
      // Another Job's pod: the emulator has no kubelet for it, so it stays Pending as it would
      // without this runner, rather than failing a Job that did nothing wrong.
      return new PodRun.NeverStarts("NotALoadShard");
    }
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
