package dev.minato.cli.load;

import dev.minato.cli.UserError;
import dev.minato.load.engine.LoadException;
import dev.minato.load.engine.LoadRun;
import dev.minato.load.scenario.Scenario;
import dev.minato.load.scenario.Shard;
import dev.minato.load.stats.Results;
import dev.minato.manifest.AtomicFile;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code minato load run}: one load test in this process, reported and gated by SLOs. */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description = {
      "Send load to an HTTP service and report latency, throughput and errors.",
      "Exit 1 when an SLO fails, 2 for invalid input, 3 when the target host does not resolve.",
      "With --shard the run only reports (exit 0 once it sent its share): SLOs are judged by",
      "'minato load merge' on the merged logs of all shards."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  minato load run http://127.0.0.1:8080/ --rate 500/s --duration 30s",
      "  minato load run http://127.0.0.1:8080/ --concurrency 64 --requests 100000",
      "  minato load run http://127.0.0.1:8080/ --concurrency 32 --threads 1 --duration 10s",
      "  minato load run https://shop.example.com/ --rate 50/s --cacert internal-ca.pem",
      "  minato load run http://127.0.0.1:50051/ --http2 --concurrency 32 --max-connections 4",
      "  minato load run http://127.0.0.1:8080/api/orders -m POST --body-file order.json \\",
      "      -H 'Content-Type: application/json' --rate 100/s --duration 30s",
      "  minato load run checkout.yaml --slo 'p99<250ms' --slo 'errors<0.1%%' --html report.html",
      "  minato load run checkout.yaml --shard 2/8 --hlog shard-2.hlog   (one of 8 shards)"
    })
final class LoadRunCommand implements Callable<Integer> {

  /** Lateness worth a warning: below it, shards began together as far as the report can tell. */
  private static final long LATE_MILLIS = 100;

  @Spec CommandSpec spec;

  @Mixin ScenarioOptions scenarioOptions;

  @Mixin ReportOptions reportOptions;

  @Option(
      names = "--hlog",
      paramLabel = "FILE",
      description = "Write the HdrHistogram interval log to FILE ('-' for standard output).")
  String hlog;

  @Option(
      names = "--shard",
      paramLabel = "K/N",
      description =
          "Run shard K (0-based) of N: every N-th request of the schedule, from the K-th.")
  String shard;

  @Option(
      names = "--start-at",
      paramLabel = "TIME",
      description =
          "Begin the schedule at this instant (RFC 3339 UTC, like 2026-12-01T03:00:00Z), after"
              + " setting up: the shards of one run, started at different moments, then send"
              + " together. A run ready after it begins at once and says how late it was.")
  String startAt;

  @Option(
      names = {"-t", "--threads"},
      paramLabel = "N",
      description =
          "Event-loop threads that send the load, like wrk's -t (default: one per CPU; a closed"
              + " run never uses more threads than --concurrency).")
  Integer threads;

  @Override
  public Integer call() {
    if (threads != null && (threads < 1 || threads > 1024)) {
      throw UserError.invalidInput(
          "--threads " + threads + ": expected a whole number from 1 to 1024, like 2");
    }
    Optional<Instant> begin = startInstant();
    Scenario scenario = scenarioOptions.scenario();
    Shard part =
        shard == null
            ? Shard.WHOLE
            : Shard.parse(shard)
                .orElseThrow(
                    () ->
                        UserError.invalidInput(
                            "--shard '" + shard + "': expected K/N with 0 <= K < N, like 2/8"));
    LoadRun.refusal(scenario, part)
        .ifPresent(
            why -> {
              throw UserError.invalidInput(why);
            });
    reportOptions.checkWritable();
    OutputPaths.checkWritable(hlog == null ? null : Path.of(hlog), "--hlog");
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    boolean hlogToStdout = "-".equals(hlog);
    // With the log on standard output, the report moves to standard error to keep the log clean.
    PrintWriter reportOut = hlogToStdout ? err : out;
    Path hlogFile = hlog == null || hlogToStdout ? null : Path.of(hlog);
    AtomicFile.Pending hlogPending = hlogFile == null ? null : AtomicFiles.begin(hlogFile);
    OutputStream hlogStream =
        hlogToStdout ? new UnclosableStdout() : hlogPending == null ? null : hlogOut(hlogPending);

    ProgressLine progress = ProgressLine.forTerminal(err);
    LoadRun run;
    try {
      OptionalInt loops = threads == null ? OptionalInt.empty() : OptionalInt.of(threads);
      run = LoadRun.start(scenario, part, Optional.ofNullable(hlogStream), progress, loops, begin);
    } catch (LoadException e) {
      if (hlogPending != null) {
        hlogPending.discard();
      }
      throw UserError.environment(e.getMessage());
    }
    CountDownLatch reported = new CountDownLatch(1);
    // Ctrl-C: stop sending, let requests in flight finish, and report before the JVM exits.
    Thread hook =
        new Thread(
            () -> {
              run.stop();
              try {
                reported.await(scenario.timeout().toMillis() + 5_000, TimeUnit.MILLISECONDS);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            },
            "minato-load-interrupt");
    Runtime.getRuntime().addShutdownHook(hook);
    try {
      Results results = run.await();
      progress.clear();
      if (hlogPending != null) {
        hlogPending.commit();
      }
      int exit;
      if (shard == null) {
        exit = reportOptions.report(results, scenario.slos(), reportOut);
      } else {
        // A shard reports and never judges: its share fails a rate gate by construction, and a
        // failing pod would keep its Job from completing. The SLOs travel in the log's header and
        // are judged by 'load merge' on the merged result.
        exit = reportOptions.reportUnjudged(results, reportOut);
        if (!scenario.slos().isEmpty()) {
          err.println(
              "minato: shard "
                  + part
                  + ": SLOs not judged here; 'minato load merge' judges them on all shards' logs");
        }
      }
      if (run.lateMillis() > LATE_MILLIS) {
        err.println(
            "minato: began "
                + run.lateMillis()
                + " ms after --start-at "
                + startAt
                + ": this process was not ready in time, so it sent its share late");
      }
      run.firstConnectFailure().ifPresent(why -> err.println("minato: connections failed: " + why));
      if (run.dropped() > 0) {
        err.println(
            "minato: "
                + run.dropped()
                + " requests were dropped unsent: the engine fell so far behind the schedule that"
                + " its pending queue was full; they count as timeouts");
      }
      return exit;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw UserError.environment("the load run was interrupted before it could report");
    } catch (IOException e) {
      throw UserError.environment("cannot write " + hlogFile + ": " + e.getMessage());
    } finally {
      if (hlogPending != null) {
        hlogPending.discard(); // nothing once committed; otherwise no half-written log remains
      }
      reported.countDown();
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException shuttingDown) {
        // The JVM is already exiting (Ctrl-C); the hook is what waited for this report.
      }
    }
  }

  private Optional<Instant> startInstant() {
    if (startAt == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(Instant.parse(startAt));
    } catch (DateTimeParseException e) {
      throw UserError.invalidInput(
          "--start-at '"
              + startAt
              + "': expected an RFC 3339 UTC instant like 2026-12-01T03:00:00Z");
    }
  }

  /** Standard output for the log, left open for the report lines that may follow. */
  private static final class UnclosableStdout extends OutputStream {
    @Override
    public void write(int b) {
      System.out.write(b);
    }

    @Override
    public void write(byte[] b, int off, int len) {
      System.out.write(b, off, len);
    }

    @Override
    public void flush() {
      System.out.flush();
    }

    @Override
    public void close() {
      flush();
    }
  }

  private static OutputStream hlogOut(AtomicFile.Pending pending) {
    try {
      return pending.out();
    } catch (IOException e) {
      throw UserError.environment("cannot write the histogram log: " + e.getMessage());
    }
  }
}
