package dev.minato.load.resource;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.minato.load.engine.LoadRun;
import dev.minato.load.scenario.Scenario;
import dev.minato.load.scenario.ScenarioReader;
import dev.minato.load.scenario.Shard;
import dev.minato.load.stats.Results;
import dev.minato.load.stats.Series;
import dev.minato.load.stats.ShardLog;
import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Without a cluster: three shards of the real engine on 127.0.0.1, begun at one start time as the
 * controller's Job begins them, judged by the controller's own code ({@link RunJudgement}), against
 * one process sending the same schedule to the same server.
 */
class ShardedRunEndToEndTest {

  private static final int SHARDS = 3;
  HttpServer server;
  ExecutorService threads;

  @BeforeEach
  void start() throws Exception {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 256);
    threads = Executors.newFixedThreadPool(4);
    server.setExecutor(threads);
    server.createContext(
        "/",
        exchange -> {
          // The answer depends on the request only, so both runs get the same codes.
          int code = exchange.getRequestURI().getPath().equals("/missing") ? 404 : 200;
          exchange.sendResponseHeaders(code, 2);
          exchange.getResponseBody().write("ok".getBytes(StandardCharsets.UTF_8));
          exchange.close();
        });
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
    threads.shutdownNow();
  }

  private Scenario scenario() throws Exception {
    return ScenarioReader.read(
        "checkout.yaml",
        """
        apiVersion: load.minato.dev/v1alpha1
        kind: LoadTest
        metadata: {name: checkout}
        spec:
          target: http://127.0.0.1:%d/
          requests:
            - {name: home, path: /, weight: 3}
            - {name: gone, path: /missing, weight: 1}
          rate: 300/s
          duration: 1s
          # Time-outs are the machine's, not the merge's: with the 2 s default a loaded CI
          # machine timed out 44 of one run's requests and none of the other's.
          timeout: 60s
          slos: ['errors<30%%']
        """
            .formatted(server.getAddress().getPort()),
        null);
  }

  @Test
  void shardsMergedByTheControllersCodeCountExactlyWhatOneProcessSends() throws Exception {
    Scenario scenario = scenario();
    // Far enough ahead that even a busy machine has every shard set up before it.
    Instant startAt = Instant.now().plusSeconds(5).truncatedTo(ChronoUnit.MILLIS);
    ExecutorService shards = Executors.newFixedThreadPool(SHARDS);
    List<Future<String>> logs = new ArrayList<>();
    for (int k = 0; k < SHARDS; k++) {
      Shard shard = new Shard(k, SHARDS);
      logs.add(
          shards.submit(
              () -> {
                ByteArrayOutputStream log = new ByteArrayOutputStream();
                LoadRun.start(
                        scenario,
                        shard,
                        Optional.of(log),
                        p -> {},
                        OptionalInt.of(1),
                        Optional.of(startAt))
                    .await();
                return log.toString(StandardCharsets.UTF_8);
              }));
    }
    List<ShardOutcome> outcomes = new ArrayList<>();
    for (int k = 0; k < SHARDS; k++) {
      outcomes.add(ShardOutcome.succeeded(k, logs.get(k).get()));
    }
    shards.shutdown();
    Results one =
        LoadRun.start(scenario, Shard.WHOLE, Optional.empty(), p -> {}, OptionalInt.of(1)).await();

    RunJudgement judgement = RunJudgement.judge(outcomes);
    Results merged = judgement.results().orElseThrow();

    assertThat(one.requests()).isEqualTo(300);
    assertThat(merged.requests()).isEqualTo(one.requests());
    assertThat(merged.errors())
        .as("errors: merged %s, one process %s", merged.errorKinds(), one.errorKinds())
        .isEqualTo(one.errors())
        .isEqualTo(75);
    assertThat(merged.statusCodes().orElseThrow().counts())
        .isEqualTo(one.statusCodes().orElseThrow().counts());
    for (Series series : List.of(Series.LATENCY, Series.STATUS_2XX, Series.STATUS_4XX)) {
      assertThat(merged.count(series)).as(series.tag()).isEqualTo(one.count(series));
    }
    assertThat(judgement.passed()).isTrue();
    assertThat(judgement.verdicts()).hasSize(1);

    // The merged percentiles are those of every sample in one histogram: what one process
    // recording all of them would report, not an average of the shards' percentiles.
    Histogram everySample = new Histogram(3_600_000_000L, 3);
    for (int k = 0; k < SHARDS; k++) {
      String text = logs.get(k).get();
      HistogramLogReader reader =
          new HistogramLogReader(
              new java.io.ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
      Histogram interval;
      while ((interval = (Histogram) reader.nextIntervalHistogram()) != null) {
        if ("latency".equals(interval.getTag()) || "timeout".equals(interval.getTag())) {
          everySample.add(interval);
        }
      }
      reader.close();
    }
    Histogram latency = merged.histogram(Series.LATENCY);
    assertThat(latency.getTotalCount()).isEqualTo(everySample.getTotalCount());
    for (double p : new double[] {50, 90, 99, 99.9, 100}) {
      assertThat(latency.getValueAtPercentile(p))
          .as("p%s", p)
          .isEqualTo(everySample.getValueAtPercentile(p));
    }
    // And the shards, started one after another, began their schedules at the start time itself.
    for (int k = 0; k < SHARDS; k++) {
      long began = ShardLog.parse("shard " + k, logs.get(k).get()).startMillis();
      assertThat(began).as("shard %d", k).isEqualTo(startAt.toEpochMilli());
    }
  }
}
