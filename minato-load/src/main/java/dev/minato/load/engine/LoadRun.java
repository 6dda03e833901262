package dev.minato.load.engine;

import dev.minato.load.scenario.ArrivalModel;
import dev.minato.load.scenario.Protocol;
import dev.minato.load.scenario.RequestTemplate;
import dev.minato.load.scenario.Scenario;
import dev.minato.load.scenario.Shard;
import dev.minato.load.slo.Slo;
import dev.minato.load.stats.LiveRecorder;
import dev.minato.load.stats.Results;
import dev.minato.load.stats.RunInfo;
import dev.minato.load.stats.Series;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.Promise;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One load test in this process: starts the event loops and their pacing, samples the recorders
 * once a second into the results (and the HdrHistogram log, if asked), and ends when the duration
 * or the request budget is used up, or on {@link #stop()}. Requests still in flight then get up to
 * the timeout to finish, so every issued request is counted exactly once.
 *
 * <p>A warm-up is the first part of the same run: the same loops, connections and schedule, its
 * requests (those due before the measured run begins) recorded apart and dropped. The measured run
 * so continues the warm-up's steady state; a second run set up from scratch after it (new loops,
 * connections and recorders) made every run's first measured second slow.
 */
public final class LoadRun {

  private static final long SAMPLE_MILLIS = 1000;

  /** How long past the timeout the run waits for its last requests before it ends regardless. */
  private static final long GRACE_MARGIN_NANOS = TimeUnit.SECONDS.toNanos(60);

  /**
   * HTTP/2 in the open model: streams one connection carries before another is opened (the server
   * may allow fewer); the scenario's connection limit still holds.
   */
  static final int OPEN_MODEL_STREAMS = 100;

  private final Scenario scenario;
  private final Shard shard;
  private final RunInfo info;
  private final Transport transport;
  private final RunControl control;
  private final List<LoopWorker> workers = new ArrayList<>();
  private final RequestMix mix;
  private final WireRequest[] wires;
  private final Optional<OutputStream> hlog;
  private final Consumer<Progress> progress;
  private final ScheduledExecutorService sampler;
  private final CountDownLatch done = new CountDownLatch(1);
  private final CountDownLatch paced;
  private final Optional<TlsClient> tls;

  // When the measured run begins (System.nanoTime()); requests due before it are the warm-up's.
  private long startNanos;
  private long lateMillis;
  private long deadlineNanos;
  private Sampling sampling;
  private final long warmupNanos;
  private volatile boolean interrupted;
  private Results results;

  private LoadRun(
      Scenario scenario,
      Shard shard,
      RunInfo info,
      InetSocketAddress remote,
      Optional<TlsClient> tls,
      Optional<OutputStream> hlog,
      Consumer<Progress> progress,
      long maxWaiting,
      OptionalInt requestedThreads) {
    this.scenario = scenario;
    this.shard = shard;
    this.info = info;
    this.tls = tls;
    this.progress = progress;
    this.mix = new RequestMix(scenario.requests());
    long budget =
        scenario.maxRequests().isPresent()
            ? shard.share(scenario.maxRequests().getAsLong())
            : Long.MAX_VALUE;
    this.control = new RunControl(budget);
    this.warmupNanos = scenario.warmup().map(Duration::toNanos).orElse(0L);
    // Default: one event loop per CPU. Asked for N (wrk's -t), exactly N, so that a comparison at
    // equal threads leaves the other cores to the server. Either way a closed run never has more
    // loops than users: a loop without a user would only sit idle.
    int loops = requestedThreads.orElse(Runtime.getRuntime().availableProcessors());
    boolean http2 = scenario.protocol() == Protocol.H2;
    int threads =
        scenario.model() instanceof ArrivalModel.Closed closed
            ? (int) Math.max(1, Math.min(loops, closedConnections(scenario, shard, closed)))
            : loops;
    this.transport = Transport.create(threads, scenario);
    this.wires =
        scenario.requests().stream()
            .map(r -> WireRequest.encode(r, scenario.target()))
            .toArray(WireRequest[]::new);
    boolean closed = scenario.model() instanceof ArrivalModel.Closed;
    LoopWorker.Completion completion = closed ? this::nextOfUser : (w, outcome, now) -> {};
    long timeoutNanos = scenario.timeout().toNanos();
    int waitingPerLoop = (int) Math.min(Integer.MAX_VALUE, Math.max(1, maxWaiting / threads));
    List<String> names = scenario.requests().stream().map(RequestTemplate::name).toList();
    int index = 0;

    for (EventExecutor executor : transport.group()) {
      Shard loopShare = new Shard(index, threads);
      int share;
      // HTTP/2: how many streams one connection of this loop carries at once.
      int streamsPerLink = OPEN_MODEL_STREAMS;
      if (scenario.model() instanceof ArrivalModel.Closed c) {
        share = (int) Math.max(1, loopShare.share(closedConnections(scenario, shard, c)));
        long users = loopShare.share(shard.share(c.concurrency()));
        streamsPerLink = (int) Math.max(1, (users + share - 1) / share);
      } else {
        share = (int) Math.max(1, loopShare.share(scenario.maxConnections()));
      }
      workers.add(
          new LoopWorker(
              (EventLoop) executor,
              transport.dialers(),
              new Dialer.Target(
                  remote,
                  timeoutNanos,
                  tls,
                  http2 ? Optional.of(streamsPerLink) : Optional.empty()),
              wires,
              new LiveRecorder(names),
              warmupNanos > 0 ? Optional.of(new LiveRecorder(names)) : Optional.empty(),
              control,
              completion,
              share,
              timeoutNanos,
              waitingPerLoop));
      index++;
    }
    this.sampler =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "minato-load-sampler");
              t.setDaemon(true);
              return t;
            });
    this.hlog = hlog;
    this.paced = new CountDownLatch(workers.size());
  }

  /**
   * The connections of a closed run: one per user over HTTP/1.1; over HTTP/2 the users share at
   * most the scenario's connection limit, each connection carrying several users' requests as
   * streams.
   */
  private static long closedConnections(Scenario scenario, Shard shard, ArrivalModel.Closed c) {
    long users = shard.share(c.concurrency());
    return scenario.protocol() == Protocol.H2
        ? Math.max(1, Math.min(users, scenario.maxConnections()))
        : users;
  }

  /**
   * Starts {@code scenario}'s share for {@code shard}. {@code hlog} receives the HdrHistogram log
   * as the run goes; {@code progress} is called once a second from a background thread.
   */
  public static LoadRun start(
      Scenario scenario, Shard shard, Optional<OutputStream> hlog, Consumer<Progress> progress)
      throws LoadException {
    return start(scenario, shard, hlog, progress, OptionalInt.empty());
  }

  /**
   * As {@link #start(Scenario, Shard, Optional, Consumer)}, on exactly {@code threads} event-loop
   * threads when present (fewer for a closed run with fewer users), one per CPU when empty.
   */
  public static LoadRun start(
      Scenario scenario,
      Shard shard,
      Optional<OutputStream> hlog,
      Consumer<Progress> progress,
      OptionalInt threads)
      throws LoadException {
    return start(scenario, shard, hlog, progress, threads, Optional.empty());
  }

  /**
   * As {@link #start(Scenario, Shard, Optional, Consumer, OptionalInt)}, with the schedule
   * beginning at {@code startAt} when present: the shards of one run, started at different moments,
   * all begin their schedules at the same instant, so together they send at the scenario's rate.
   * The event loops and the first connections are set up before the wait; a run ready in time takes
   * the instant itself as its schedule's origin, however late its thread wakes, and runs its
   * warm-up, if any, just before it. A run set up too late for that begins (its warm-up) at once;
   * {@link #lateMillis()} says by how much its measured run missed the instant. This returns once
   * the measured run has begun.
   */
  public static LoadRun start(
      Scenario scenario,
      Shard shard,
      Optional<OutputStream> hlog,
      Consumer<Progress> progress,
      OptionalInt threads,
      Optional<Instant> startAt)
      throws LoadException {
    if (threads.isPresent() && threads.getAsInt() < 1) {
      throw new IllegalArgumentException("threads must be at least 1, got " + threads.getAsInt());
    }
    PendingLimit limit = PendingLimit.forThisJvm(scenario.timeout());
    Optional<String> refused = limit.refusal(scenario, shard);
    if (refused.isPresent()) {
      throw new LoadException(refused.get());
    }
    return start(scenario, shard, hlog, progress, limit.requests(), threads, startAt);
  }

  /**
   * Starts the run with at most {@code maxWaiting} requests waiting for a connection (over all
   * loops), without checking that the rate fits: requests beyond it are dropped and counted.
   */
  static LoadRun start(
      Scenario scenario,
      Shard shard,
      Optional<OutputStream> hlog,
      Consumer<Progress> progress,
      long maxWaiting)
      throws LoadException {
    return start(
        scenario, shard, hlog, progress, maxWaiting, OptionalInt.empty(), Optional.empty());
  }

  private static LoadRun start(
      Scenario scenario,
      Shard shard,
      Optional<OutputStream> hlog,
      Consumer<Progress> progress,
      long maxWaiting,
      OptionalInt threads,
      Optional<Instant> startAt)
      throws LoadException {
    InetSocketAddress remote;
    try {
      URIHost host = URIHost.of(scenario);
      remote = new InetSocketAddress(InetAddress.getByName(host.name()), host.port());
    } catch (UnknownHostException e) {
      throw new LoadException(
          "cannot resolve the target host '" + scenario.target().getHost() + "'");
    }
    RunInfo info =
        new RunInfo(
            scenario.name(),
            scenario.target().toString(),
            describe(scenario),
            scenario.fingerprint(),
            shard.count(),
            shard.count() > 1 ? "shard " + shard : "",
            scenario.slos().stream().map(Slo::text).toList());
    Optional<TlsClient> tls = Optional.empty();
    if (scenario.secure()) {
      tls =
          Optional.of(
              TlsClient.create(
                  scenario.tls(),
                  scenario.target().getHost(),
                  scenario.port(),
                  scenario.timeout().toMillis(),
                  scenario.protocol() == Protocol.H2));
    }
    LoadRun run =
        new LoadRun(scenario, shard, info, remote, tls, hlog, progress, maxWaiting, threads);
    run.begin(startAt);
    return run;
  }

  /** The model for reports; over HTTP/2 with how the requests share connections. */
  private static String describe(Scenario scenario) {
    if (scenario.protocol() != Protocol.H2) {
      return scenario.model().describe();
    }
    String connections = "at most " + scenario.maxConnections() + " connections";
    if (scenario.model() instanceof ArrivalModel.Closed closed) {
      return "closed " + closed.concurrency() + " users, HTTP/2 streams on " + connections;
    }
    return scenario.model().describe() + ", HTTP/2 on " + connections;
  }

  /** How many event-loop threads send this run's requests. */
  public int threads() {
    return workers.size();
  }

  /**
   * Why this JVM cannot run {@code scenario}'s share for {@code shard} in bounded memory (its rate
   * is above what {@link PendingLimit} allows), or empty when it can. Check before {@link #start}
   * to refuse the input; start refuses it too.
   */
  public static Optional<String> refusal(Scenario scenario, Shard shard) {
    return PendingLimit.forThisJvm(scenario.timeout()).refusal(scenario, shard);
  }

  /**
   * Requests the engine could not even queue because the pending limit was reached (the machine
   * fell far behind the schedule); they are counted as timeouts.
   */
  public long dropped() {
    return control.dropped.get();
  }

  /**
   * The transport in use, for reports: {@code selector} (the closed model over plain-text
   * HTTP/1.1), else {@code epoll} or {@code nio} (see {@link Transport}).
   */
  public String transport() {
    return transport.name();
  }

  /** What encrypted an https run's records, {@code openssl} (BoringSSL) or {@code jdk}. */
  public Optional<String> tlsProvider() {
    return tls.map(TlsClient::providerName);
  }

  /** How late this run began after the start time it was given (0 when on time or none). */
  public long lateMillis() {
    return lateMillis;
  }

  private void begin(Optional<Instant> startAt) throws LoadException {
    List<Promise<Void>> warm = new ArrayList<>();
    for (LoopWorker w : workers) {
      Promise<Void> ready = w.loop().newPromise();
      w.loop().execute(JvmErrors.guard(() -> w.warmUp(ready)));
      warm.add(ready);
    }
    for (Promise<Void> ready : warm) {
      ready.awaitUninterruptibly(scenario.timeout().toMillis());
    }
    // Both phases' origins are fixed here: a thread that wakes late after a wait (a busy machine)
    // moves neither, and requests due meanwhile are sent at once with that wait in their latency.
    RunStart at = RunStart.of(startAt, warmupNanos, System.currentTimeMillis(), System.nanoTime());
    lateMillis = at.lateMillis();
    startNanos = at.measuredNanos();
    deadlineNanos =
        startNanos + scenario.plannedDuration().map(Duration::toNanos).orElse(Long.MAX_VALUE / 4);
    sampling =
        new Sampling(
            info,
            shard,
            workers.stream().map(LoopWorker::recorder).toList(),
            control,
            hlog,
            progress,
            at.measuredMillis(),
            startNanos);
    if (startAt.isPresent()) {
      sleepUntil(at.warmupNanos());
    }
    workers.forEach(w -> w.loop().execute(JvmErrors.guard(() -> w.start(startNanos))));
    sample(at);
    if (scenario.model() instanceof ArrivalModel.Open open) {
      pace(open);
    } else {
      ArrivalModel.Closed closed = (ArrivalModel.Closed) scenario.model();
      long users = shard.share(closed.concurrency());
      for (int u = 0; u < users; u++) {
        LoopWorker w = workers.get(u % workers.size());
        w.loop().execute(JvmErrors.guard(() -> issue(w, System.nanoTime())));
      }
    }
    Thread owner = new Thread(this::runToEnd, "minato-load-owner");
    owner.setDaemon(true);
    owner.start();
    if (at.hasWarmup() && !sleepUntil(startNanos)) {
      stop();
      throw new LoadException("interrupted during the warm-up");
    }
  }

  /**
   * Samples the measured run's recorders once a second from its start; during a warm-up, the
   * warm-up's, into results that are dropped, so that the sampler's work is the same before and
   * after the switch (and its code compiled by then).
   */
  private void sample(RunStart at) {
    long now = System.nanoTime();
    if (at.hasWarmup()) {
      Sampling warmup =
          new Sampling(
              info,
              shard,
              workers.stream().map(w -> w.warmupRecorder().orElseThrow()).toList(),
              control,
              Optional.empty(),
              p -> {},
              at.measuredMillis() - TimeUnit.NANOSECONDS.toMillis(warmupNanos),
              at.warmupNanos());
      ScheduledFuture<?> warmupSamples =
          sampler.scheduleAtFixedRate(
              JvmErrors.guard(warmup::sample), SAMPLE_MILLIS, SAMPLE_MILLIS, TimeUnit.MILLISECONDS);
      sampler.schedule(() -> warmupSamples.cancel(false), startNanos - now, TimeUnit.NANOSECONDS);
    }
    long sampleNanos = TimeUnit.MILLISECONDS.toNanos(SAMPLE_MILLIS);
    sampler.scheduleAtFixedRate(
        JvmErrors.guard(sampling::sample),
        startNanos - now + sampleNanos,
        sampleNanos,
        TimeUnit.NANOSECONDS);
  }

  /** Sleeps until {@code nanos} ({@link System#nanoTime()}); false when interrupted first. */
  private static boolean sleepUntil(long nanos) {
    long remaining = nanos - System.nanoTime();
    while (remaining > 0) {
      try {
        TimeUnit.NANOSECONDS.sleep(remaining);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
      remaining = nanos - System.nanoTime();
    }
    return true;
  }

  /**
   * The open model: each loop paces its slice of the schedule. Request n of the single-process
   * schedule belongs to shard n mod shards; within the shard, the loops deal its requests round-
   * robin, so loop w of W sends shard requests w, w+W, ... A warm-up paces the same slices of the
   * schedule (from its start, for its length) just before the measured run's origin, then hands
   * over to the measured run's pacer on the same loop.
   */
  private void pace(ArrivalModel.Open open) {
    ArrivalSchedule schedule = new ArrivalSchedule(open.rate(), open.stages());
    long limit = scenario.plannedDuration().map(Duration::toNanos).orElse(Long.MAX_VALUE);
    long maxRequests = scenario.maxRequests().orElse(Long.MAX_VALUE);
    long stride = (long) shard.count() * workers.size();
    for (int w = 0; w < workers.size(); w++) {
      LoopWorker worker = workers.get(w);
      long first = shard.index() + (long) w * shard.count();
      Pacer measured =
          new Pacer(
              worker,
              schedule,
              mix,
              control,
              startNanos,
              limit,
              maxRequests,
              first,
              stride,
              paced::countDown);
      Pacer pacer =
          warmupNanos == 0
              ? measured
              : new Pacer(
                  worker,
                  schedule,
                  mix,
                  control,
                  startNanos - warmupNanos,
                  warmupNanos,
                  Long.MAX_VALUE,
                  first,
                  stride,
                  measured::run);
      worker.loop().execute(JvmErrors.guard(pacer::run));
    }
  }

  /** The closed model: a user whose request ended sends the next one, unless the run is over. */
  private void nextOfUser(LoopWorker worker, Series outcome, long nowNanos) {
    if (outcome == Series.CONNECT) {
      // Back off a little so an unreachable target does not turn into a busy loop of errors.
      worker
          .loop()
          .schedule(
              JvmErrors.guard(() -> issue(worker, System.nanoTime())), 10, TimeUnit.MILLISECONDS);
    } else {
      issue(worker, nowNanos);
    }
  }

  /**
   * A user sends its next request, at {@code nowNanos} (the end of its previous one, read once on
   * the loop for both), unless the run is over; runs on {@code worker}'s loop. Only the measured
   * run's requests take from the request budget: the warm-up is bounded by its length.
   */
  private void issue(LoopWorker worker, long nowNanos) {
    if (nowNanos - deadlineNanos >= 0) {
      return;
    }
    boolean measured = nowNanos - startNanos >= 0;
    if (measured ? !control.take() : control.stopping()) {
      return;
    }
    control.issued();
    worker.submitNext(mix, nowNanos);
  }

  private void runToEnd() {
    try {
      if (scenario.model() instanceof ArrivalModel.Open) {
        paced.await();
      } else {
        while (!control.stopping()
            && !control.budgetSpent()
            && System.nanoTime() - deadlineNanos < 0) {
          Thread.sleep(5);
        }
      }
      control.stop();
      // Each request still in flight ends within the timeout once the loops run (their sweep
      // expires it), so a run waits no longer than that. The margin is for a busy machine that
      // keeps the loops from running: with 1 s, a process held up for a few seconds ended its
      // run with requests neither answered nor counted (a third of a shard's share, once).
      long grace = System.nanoTime() + scenario.timeout().toNanos() + GRACE_MARGIN_NANOS;
      while (control.inFlight() > 0 && System.nanoTime() < grace) {
        Thread.sleep(1);
      }
      // The run ends with its last answer, not with the clean-up after it.
      long endMillis = System.currentTimeMillis();
      sampler.shutdown();
      sampler.awaitTermination(5, TimeUnit.SECONDS);
      sampling.sampleAt(endMillis);
      for (LoopWorker w : workers) {
        w.loop().submit(w::shutdown).syncUninterruptibly();
      }
      transport.group().shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
      for (WireRequest wire : wires) {
        wire.release();
      }
      results =
          sampling.finish(
              !interrupted,
              scenario.requests().stream().map(RequestTemplate::method).toList(),
              scenario.requests().stream().map(scenario::urlOf).toList());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      done.countDown();
    }
  }

  /** Ends the run early (Ctrl-C): no new requests; those in flight may still finish. */
  public void stop() {
    interrupted = true;
    control.stop();
  }

  /** Waits for the end of the run and returns its results. */
  public Results await() throws InterruptedException {
    done.await();
    if (results == null) {
      throw new InterruptedException("the load run was interrupted before it could report");
    }
    return results;
  }

  /**
   * Why the first connection that could not be opened failed (refused, a TLS handshake that did not
   * verify), for a note beside the connect errors; empty when every connection opened.
   */
  public Optional<String> firstConnectFailure() {
    return control.firstConnectFailure();
  }

  /** The run description the log header and reports carry. */
  public RunInfo info() {
    return info;
  }

  /** Host and port of the target, with the scheme's default port. */
  private record URIHost(String name, int port) {
    static URIHost of(Scenario scenario) {
      return new URIHost(scenario.target().getHost(), scenario.port());
    }
  }
}
