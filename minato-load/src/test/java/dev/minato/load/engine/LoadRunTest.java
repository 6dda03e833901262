package dev.minato.load.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.minato.load.report.HtmlReport;
import dev.minato.load.report.JsonReport;
import dev.minato.load.report.TextReport;
import dev.minato.load.scenario.ArrivalModel;
import dev.minato.load.scenario.Scenario;
import dev.minato.load.scenario.ScenarioReader;
import dev.minato.load.scenario.Shard;
import dev.minato.load.slo.Slo;
import dev.minato.load.slo.Verdict;
import dev.minato.load.stats.Results;
import dev.minato.load.stats.Series;
import dev.minato.load.stats.ShardLog;
import dev.minato.load.stats.ShardMerge;
import dev.minato.load.syntax.Rate;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Runs the engine against a real server on 127.0.0.1. Every run is bounded (at most a few seconds,
 * at most a thousand requests), and assertions are on counts, never on speed. The time limit bounds
 * a hang, not a pace: on a busy machine a run of a few seconds can take a minute.
 */
@Timeout(120)
class LoadRunTest {

  private StallingServer server;

  @BeforeEach
  void startServer() throws Exception {
    server = new StallingServer();
  }

  @AfterEach
  void stopServer() {
    server.close();
  }

  private static Results run(Scenario scenario) throws Exception {
    return LoadRun.start(scenario, Shard.WHOLE, Optional.empty(), p -> {}).await();
  }

  /**
   * A generous timeout unless a test sets its own: a loaded CI machine timed out one of 50 requests
   * at the 2 s default, which no test here is about.
   */
  private Scenario open(String path, double rate, Duration duration) {
    return Scenario.ofUrl(server.uri(path), ArrivalModel.Open.constant(new Rate(rate)))
        .withDuration(duration)
        .withTimeout(Duration.ofSeconds(30));
  }

  @Test
  void openModelIssuesRateTimesDurationRequests() throws Exception {
    // A generous timeout: on a busy machine a late answer must not turn into a timeout here.
    Results results =
        run(open("/", 500, Duration.ofSeconds(2)).withTimeout(Duration.ofSeconds(10)));

    assertThat(results.requests()).isBetween(990L, 1010L);
    assertThat(results.count(Series.STATUS_2XX))
        .as("answered with 200; errors: %s", results.errorKinds().kinds())
        .isEqualTo(results.requests());
    assertThat(server.handled()).isEqualTo((int) results.requests());
  }

  @Test
  void stallShowsInLatencyFromIntendedTimeButNotInServiceTime() throws Exception {
    server.stallAt(100, Duration.ofMillis(800));
    // One connection: while the server stalls, the schedule keeps running and requests queue in
    // the generator, exactly the case where wrk-style measuring would hide the stall.
    Scenario scenario =
        open("/", 200, Duration.ofSeconds(2))
            .withMaxConnections(1)
            .withTimeout(Duration.ofSeconds(10));

    Results results = run(scenario);

    // Every bound below follows from the schedule and the server's hold, so a busy machine, which
    // only makes requests later, cannot break them. Request 100 is due at 495 ms and held 800 ms:
    // requests 101 to 259, due 5 ms apart after it, cannot be sent on the one connection before
    // it is answered, so request 100 + k waits in the generator at least 800 - 5k ms.
    long queuedMicros = 0;
    for (int k = 1; k < 160; k++) {
      queuedMicros += (800 - 5 * k) * 1_000L;
    }
    assertThat(queuedMicros).isEqualTo(63_600_000L);
    // Those due in the stall's first half waited over 400 ms: that shows in their latency.
    long slowLatency = results.requests() - countBelow(results, Series.LATENCY, 400_000);
    assertThat(slowLatency).isGreaterThanOrEqualTo(79);
    // Latency minus service time is each request's wait before it was sent: all of the queueing
    // is in the latency figures and none of it in the service time (5 % for histogram rounding).
    assertThat(total(results, Series.LATENCY) - total(results, Series.SERVICE))
        .isGreaterThanOrEqualTo(queuedMicros * 95 / 100);
    // The service time still shows the server's own hold, on the stalled request.
    assertThat(results.histogram(Series.SERVICE).getMaxValue()).isGreaterThanOrEqualTo(800_000);
    assertThat(results.errors()).isZero();
  }

  /** The sum of a series' values in microseconds, to the histogram's precision. */
  private static long total(Results results, Series series) {
    var histogram = results.histogram(series);
    return Math.round(histogram.getMean() * histogram.getTotalCount());
  }

  private static long countBelow(Results results, Series series, long micros) {
    return results.histogram(series).getCountBetweenValues(0, micros);
  }

  @Test
  void askedThreadsAreExactlyTheEventLoopsThatSend() throws Exception {
    Scenario scenario =
        Scenario.ofUrl(server.uri("/"), new ArrivalModel.Closed(4)).withMaxRequests(300);

    LoadRun one =
        LoadRun.start(scenario, Shard.WHOLE, Optional.empty(), p -> {}, OptionalInt.of(1));
    Results oneResults = one.await();
    LoadRun three =
        LoadRun.start(scenario, Shard.WHOLE, Optional.empty(), p -> {}, OptionalInt.of(3));
    Results threeResults = three.await();

    assertThat(one.threads()).isEqualTo(1);
    assertThat(three.threads()).isEqualTo(3);
    assertThat(oneResults.requests()).isEqualTo(300);
    assertThat(threeResults.requests()).isEqualTo(300);
    assertThat(server.handled()).isEqualTo(600);
  }

  @Test
  void aClosedRunNeverHasMoreThreadsThanUsers() throws Exception {
    Scenario scenario =
        Scenario.ofUrl(server.uri("/"), new ArrivalModel.Closed(2)).withMaxRequests(50);

    LoadRun run =
        LoadRun.start(scenario, Shard.WHOLE, Optional.empty(), p -> {}, OptionalInt.of(8));
    Results results = run.await();

    assertThat(run.threads()).isEqualTo(2);
    assertThat(results.requests()).isEqualTo(50);
  }

  @Test
  void anOpenRunOnOneThreadKeepsItsSchedule() throws Exception {
    LoadRun run =
        LoadRun.start(
            open("/", 500, Duration.ofSeconds(1)).withTimeout(Duration.ofSeconds(10)),
            Shard.WHOLE,
            Optional.empty(),
            p -> {},
            OptionalInt.of(1));
    Results results = run.await();

    assertThat(run.threads()).isEqualTo(1);
    assertThat(results.requests()).isBetween(495L, 505L);
    assertThat(server.handled()).isEqualTo((int) results.requests());
  }

  @Test
  void closedModelSendsExactlyTheRequestBudget() throws Exception {
    Scenario scenario =
        Scenario.ofUrl(server.uri("/"), new ArrivalModel.Closed(4)).withMaxRequests(300);

    Results results = run(scenario);

    assertThat(results.requests()).isEqualTo(300);
    assertThat(server.handled()).isEqualTo(300);
    assertThat(results.count(Series.LAG)).isZero();
  }

  @Test
  void aRequestLargerThanTheSocketBufferIsSentWholeEveryTime() throws Exception {
    // 4 MiB cannot go out in one write: the rest of a partial write is queued behind it, and the
    // server, which reads every body to its end, must see each request complete.
    byte[] body = new byte[4 * 1024 * 1024];
    java.util.Arrays.fill(body, (byte) 'b');
    Scenario base = Scenario.ofUrl(server.uri("/"), new ArrivalModel.Closed(2)).withMaxRequests(20);
    Scenario scenario =
        base.toBuilder()
            .requests(base.requests().stream().map(r -> r.withMethodAndBody("POST", body)).toList())
            .build();

    Results results = run(scenario);

    assertThat(results.requests()).isEqualTo(20);
    assertThat(results.errors()).isZero();
    assertThat(server.handled()).isEqualTo(20);
  }

  @Test
  void responsesLargerThanTheLoopsReceiveBufferAreReadWholeOnEveryConnection() throws Exception {
    // Each body takes several reads of the buffer the loop's connections share, interleaved with
    // the other connections' reads: a byte read into the wrong response would break the framing.
    int size = 3 * LoopReceiveBuffer.SIZE + 123;
    Scenario scenario =
        Scenario.ofUrl(server.uri("/bytes/" + size), new ArrivalModel.Closed(4))
            .withMaxRequests(200);

    Results results = run(scenario);

    assertThat(results.requests()).isEqualTo(200);
    assertThat(results.count(Series.STATUS_2XX)).isEqualTo(200);
    assertThat(results.errors()).isZero();
    assertThat(server.handled()).isEqualTo(200);
  }

  @Test
  void classifiesErrorStatusesAsErrors() throws Exception {
    Results results = run(open("/status/503", 100, Duration.ofMillis(500)));

    assertThat(results.count(Series.STATUS_5XX)).isEqualTo(results.requests()).isPositive();
    assertThat(results.errorRatio()).isEqualTo(1.0);
  }

  @Test
  void countsRequestsThatOutliveTheTimeoutAsTimeouts() throws Exception {
    // The server holds the request until the test ends, so any timeout proves the point; a
    // generous one keeps a busy machine's slow connect from turning into a connect error.
    server.stallAt(1, Duration.ofMinutes(5));
    Scenario scenario =
        Scenario.ofUrl(server.uri("/"), new ArrivalModel.Closed(1))
            .withMaxRequests(1)
            .withTimeout(Duration.ofSeconds(1));

    Results results = run(scenario);

    assertThat(results.count(Series.TIMEOUT)).isEqualTo(1);
    assertThat(results.requests()).isEqualTo(1);
  }

  @Test
  void timedOutRequestsCountInTheLatencyFiguresSoALatencyGateCannotPass() throws Exception {
    // The one server thread holds request 5 for 1.5 s; requests behind it wait too, and with a
    // 300 ms timeout a good part of a 1 s run at 40/s times out.
    server.stallAt(5, Duration.ofMillis(1500));
    Scenario scenario =
        open("/", 40, Duration.ofSeconds(1))
            .withMaxConnections(4)
            .withTimeout(Duration.ofMillis(300));

    Results results = run(scenario);

    long timeouts = results.count(Series.TIMEOUT);
    assertThat(timeouts).isPositive();
    assertThat(results.errors()).isGreaterThanOrEqualTo(timeouts);
    assertThat(results.histogram(Series.LATENCY).getTotalCount())
        .isEqualTo(results.count(Series.LATENCY) + timeouts);
    assertThat(results.histogram(Series.LATENCY).getMaxValue()).isGreaterThanOrEqualTo(300_000);
    assertThat(countBelow(results, Series.LATENCY, 299_000))
        .isLessThanOrEqualTo(results.requests() - timeouts);
    List<Verdict> verdicts =
        Verdict.evaluate(List.of(Slo.parse("max<300ms"), Slo.parse("p99<300ms")), results);
    assertThat(verdicts).noneMatch(Verdict::passed);
  }

  @Test
  void aFullPendingQueueDropsRequestsAndCountsThemAsTimeouts() throws Exception {
    // The server holds its first request for 3 s, so the two connections (one per loop at most)
    // stay busy while a 0.5 s schedule of 500 requests runs; only 50 may wait for them.
    server.stallAt(1, Duration.ofSeconds(3));
    Scenario scenario =
        open("/", 1000, Duration.ofMillis(500))
            .withMaxRequests(500)
            .withMaxConnections(1)
            .withTimeout(Duration.ofSeconds(5));

    LoadRun run = LoadRun.start(scenario, Shard.WHOLE, Optional.empty(), p -> {}, 50);
    Results results = run.await();

    assertThat(run.dropped()).isPositive();
    assertThat(results.requests()).isEqualTo(500);
    assertThat(results.count(Series.TIMEOUT)).isGreaterThanOrEqualTo(run.dropped());
    assertThat(server.handled()).isLessThanOrEqualTo((int) (500 - run.dropped()));
    assertThat(results.histogram(Series.LATENCY).getMaxValue()).isGreaterThanOrEqualTo(5_000_000);
    // Every report shows them: as their own count and as the 'unsent' error kind.
    assertThat(results.dropped()).hasValue(run.dropped());
    assertThat(results.errorKinds().kinds().get("unsent").count()).isEqualTo(run.dropped());
    assertThat(results.errorKinds().kinds().get("unsent").examples())
        .containsExactly(
            "GET /: not sent: the generator fell behind its schedule and its pending queue was"
                + " full");
    assertThat(TextReport.render(results, List.of()))
        .containsPattern("Dropped +\\[unsent\\] +" + run.dropped() + "\n");
    assertThat(JsonReport.render(results, List.of())).contains("\"dropped\" : " + run.dropped());
  }

  @Test
  void countsRefusedConnectionsAsConnectErrors() throws Exception {
    int closedPort = FaultyServer.closedPort();
    Scenario scenario =
        Scenario.ofUrl(
                URI.create("http://127.0.0.1:" + closedPort + "/"),
                ArrivalModel.Open.constant(new Rate(100)))
            .withMaxRequests(20);

    Results results = run(scenario);

    assertThat(results.count(Series.CONNECT)).isEqualTo(20);
    assertThat(results.requests()).isEqualTo(20);
  }

  @Test
  void stopEndsTheRunEarlyAndReportsWhatRan() throws Exception {
    LoadRun run =
        LoadRun.start(
            open("/", 100, Duration.ofSeconds(20)), Shard.WHOLE, Optional.empty(), p -> {});
    // Stop once requests are on their way, however long the machine takes to send the first.
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (server.handled() < 10 && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }

    run.stop();
    Results results = run.await();

    assertThat(results.complete()).isFalse();
    assertThat(results.requests()).isPositive().isLessThan(2000);
    assertThat(results.requests()).isEqualTo(server.handled());
  }

  @Test
  void shardsTogetherSendWhatOneProcessWouldAndMergeExactly() throws Exception {
    Scenario scenario = open("/", 200, Duration.ofSeconds(5)).withMaxRequests(301);
    List<ShardLog> logs = new java.util.ArrayList<>();
    long shardRequests = 0;
    for (int k = 0; k < 3; k++) {
      ByteArrayOutputStream log = new ByteArrayOutputStream();
      Results shard = LoadRun.start(scenario, new Shard(k, 3), Optional.of(log), p -> {}).await();
      shardRequests += shard.requests();
      logs.add(ShardLog.parse("shard-" + k, log.toString(StandardCharsets.UTF_8)));
    }

    Results all = ShardMerge.merge(logs);

    assertThat(shardRequests).isEqualTo(301);
    assertThat(all.requests()).isEqualTo(301);
    assertThat(all.complete()).isTrue();
    assertThat(all.info().shardCount()).isEqualTo(3);
  }

  @Test
  void aRunReadyBeforeItsStartTimeTakesThatInstantAsItsSchedulesOrigin() throws Exception {
    // A shard's process has loaded the engine by the time it waits: so has this JVM after one
    // request, and then the start time is far enough ahead for a busy machine to set the run up.
    run(Scenario.ofUrl(server.uri("/"), new ArrivalModel.Closed(1)).withMaxRequests(1));
    Instant startAt = Instant.now().plusSeconds(3).truncatedTo(ChronoUnit.MILLIS);
    ByteArrayOutputStream log = new ByteArrayOutputStream();

    LoadRun run =
        LoadRun.start(
            open("/", 100, Duration.ofMillis(300)),
            new Shard(1, 2),
            Optional.of(log),
            p -> {},
            OptionalInt.of(1),
            Optional.of(startAt));
    Results results = run.await();

    assertThat(run.lateMillis()).as("ms the run was set up after its start time").isZero();
    // To the millisecond, whenever the waiting thread woke: every shard given this start time
    // has the same origin, so together they send at the scenario's rate.
    assertThat(results.startMillis()).isEqualTo(startAt.toEpochMilli());
    assertThat(ShardLog.parse("shard 1", log.toString(StandardCharsets.UTF_8)).startMillis())
        .isEqualTo(startAt.toEpochMilli());
    assertThat(results.requests()).isEqualTo(15);
  }

  @Test
  void reportsEveryExactStatusCodeOfTwoNamedRequestsInTextJsonAndHtml() throws Exception {
    Scenario scenario =
        ScenarioReader.read(
            "codes.yaml",
            """
            apiVersion: minato.dev/v1alpha1
            kind: LoadTest
            metadata:
              name: codes
            spec:
              target: %s
              requests:
              - name: home
                path: /
              - name: broken
                path: /status/503
              concurrency: 2
              maxRequests: 200
              duration: 20s
              timeout: 10s
            """
                .formatted(server.uri("/").toString().replaceAll("/$", "")),
            java.nio.file.Path.of("."));

    Results results = run(scenario);

    var codes = results.statusCodes().orElseThrow().counts();
    assertThat(codes.keySet()).containsExactly(200, 503);
    assertThat(codes.get(200) + codes.get(503)).isEqualTo(200).isEqualTo(results.requests());
    assertThat(codes.get(200)).isEqualTo(results.count(Series.STATUS_2XX));
    assertThat(codes.get(503)).isEqualTo(results.count(Series.STATUS_5XX));
    String text = TextReport.render(results, List.of());
    assertThat(text)
        .contains("Status codes  [code:count]")
        .contains("200:" + codes.get(200) + " 503:" + codes.get(503))
        .contains("Error set     [code|kind:count]")
        .containsPattern("Error set .* 503:" + codes.get(503) + "\\n");
    String json = JsonReport.render(results, List.of());
    assertThat(json)
        .contains(
            "\"statusCodes\" : {\n    \"200\" : "
                + codes.get(200)
                + ",\n    \"503\" : "
                + codes.get(503));
    String html = HtmlReport.render(results, List.of());
    assertThat(html)
        .contains(
            "\"statusCodes\":{\"200\":" + codes.get(200) + ",\"503\":" + codes.get(503) + "}");
  }

  @Test
  void aRunOfOnlyErrorResponsesNamesTheirCodeInTheErrorSet() throws Exception {
    Results results = run(open("/status/503", 100, Duration.ofMillis(500)));

    String text = TextReport.render(results, List.of());
    assertThat(text)
        .doesNotContain("Error set     [code|kind:count]                        none")
        .contains("503:" + results.requests());
  }

  @Test
  void mergedShardCodesEqualTheCodesOfTheShardsRuns() throws Exception {
    Scenario scenario = open("/status/503", 200, Duration.ofSeconds(5)).withMaxRequests(101);
    List<ShardLog> logs = new java.util.ArrayList<>();
    dev.minato.load.stats.StatusCodes sum = dev.minato.load.stats.StatusCodes.NONE;
    for (int k = 0; k < 3; k++) {
      ByteArrayOutputStream log = new ByteArrayOutputStream();
      Results shard = LoadRun.start(scenario, new Shard(k, 3), Optional.of(log), p -> {}).await();
      sum = sum.plus(shard.statusCodes().orElseThrow());
      logs.add(ShardLog.parse("shard-" + k, log.toString(StandardCharsets.UTF_8)));
    }

    Results all = ShardMerge.merge(logs);

    assertThat(all.statusCodes()).contains(sum);
    assertThat(sum.counts()).containsExactly(java.util.Map.entry(503, 101L));
  }

  /**
   * A warm-up is the start of the same run, on the same loop and connections: counted apart from
   * the measured run, which sends exactly its own schedule.
   */
  @Nested
  class Warmup {

    /** One loop, one connection: the server sees the requests in the order of the schedule. */
    private static Results onOneLoop(Scenario scenario) throws Exception {
      return LoadRun.start(scenario, Shard.WHOLE, Optional.empty(), p -> {}, OptionalInt.of(1))
          .await();
    }

    private Scenario open(double rate, Duration duration, Duration warmup) {
      return Scenario.ofUrl(server.uri("/"), ArrivalModel.Open.constant(new Rate(rate)))
          .withDuration(duration)
          .withWarmup(warmup)
          .withMaxConnections(1)
          // Generous: on a busy machine a late answer must not turn into a timeout here.
          .withTimeout(Duration.ofSeconds(10));
    }

    @Test
    void theMeasuredRunSendsRateTimesDurationAndNoWarmupRequestIsCounted() throws Exception {
      // The warm-up's 50 requests are the server's first 50, answered 503; the last of them is held
      // until well after the measured run has begun, so it ends inside the measured run.
      server.failFirst(50);
      server.stallAt(50, Duration.ofMillis(300));

      Results results = onOneLoop(open(100, Duration.ofSeconds(1), Duration.ofMillis(500)));

      assertThat(server.handled()).isEqualTo(150);
      assertThat(results.requests()).isEqualTo(100);
      assertThat(results.count(Series.STATUS_2XX))
          .as("answered with 200; errors: %s", results.errorKinds().kinds())
          .isEqualTo(100);
      assertThat(results.count(Series.STATUS_5XX)).isZero();
      assertThat(results.statusCodes().orElseThrow().counts()).containsOnlyKeys(200);
      // The first measured requests waited behind the held warm-up request on the one connection:
      // their latency runs from when they were due, the measured run's start, so it holds that
      // wait.
      assertThat(results.histogram(Series.LATENCY).getMaxValue()).isGreaterThanOrEqualTo(280_000);
    }

    @Test
    void theMeasuredRunGoesOnOverTheWarmupsConnection() throws Exception {
      Results results = onOneLoop(open(100, Duration.ofMillis(300), Duration.ofMillis(300)));

      assertThat(results.requests()).isEqualTo(30);
      assertThat(server.handled()).isEqualTo(60);
      assertThat(server.connections()).as("connections the server accepted").isEqualTo(1);
    }

    @Test
    void aClosedRunWithAWarmupSpendsItsBudgetOnMeasuredRequestsOnTheSameConnections()
        throws Exception {
      // Long enough that a starved test machine still finishes a warm-up request in it: 300 ms
      // once ended with none on a fresh clone at load 11.
      Scenario scenario =
          Scenario.ofUrl(server.uri("/"), new ArrivalModel.Closed(2))
              .withMaxRequests(40)
              .withWarmup(Duration.ofSeconds(2))
              .withTimeout(Duration.ofSeconds(10));

      Results results = onOneLoop(scenario);

      assertThat(results.requests()).isEqualTo(40);
      assertThat(results.count(Series.STATUS_2XX)).isEqualTo(40);
      assertThat(server.handled()).as("warm-up requests too").isGreaterThan(40);
      assertThat(server.connections()).as("one per user, kept").isEqualTo(2);
    }

    @Test
    void aWarmedUpRunReadyBeforeItsStartTimeBeginsItsMeasuredRunAtThatInstant() throws Exception {
      // Loads the engine first, as a shard's process has by the time it waits; then the start time
      // is far enough ahead for a busy machine to set the run up and warm it up before it.
      onOneLoop(Scenario.ofUrl(server.uri("/"), new ArrivalModel.Closed(1)).withMaxRequests(1));
      Instant startAt = Instant.now().plusSeconds(5).truncatedTo(ChronoUnit.MILLIS);

      LoadRun run =
          LoadRun.start(
              open(100, Duration.ofMillis(300), Duration.ofMillis(500)),
              new Shard(1, 2),
              Optional.empty(),
              p -> {},
              OptionalInt.of(1),
              Optional.of(startAt));
      Results results = run.await();

      assertThat(run.lateMillis()).isZero();
      assertThat(results.startMillis()).isEqualTo(startAt.toEpochMilli());
      assertThat(results.requests()).isEqualTo(15);
      assertThat(server.handled()).as("1 + a warm-up of 25 + 15").isEqualTo(41);
    }
  }
}
