package dev.minato.cli.replay;

import dev.minato.cli.ExitCodes;
import dev.minato.cli.UserError;
import dev.minato.cli.shadow.ComparisonOptions;
import dev.minato.cli.shadow.Progress;
import dev.minato.manifest.InvalidValueException;
import dev.minato.manifest.ManifestException;
import dev.minato.shadow.compare.ComparingSink;
import dev.minato.shadow.compare.ShadowResults;
import dev.minato.shadow.replay.Pace;
import dev.minato.shadow.replay.Replay;
import dev.minato.shadow.replay.ReplayFormat;
import dev.minato.shadow.replay.ReplaySummary;
import dev.minato.shadow.replay.RequestSource;
import dev.minato.shadow.report.RunNote;
import dev.minato.shadow.upstream.IoThreads;
import dev.minato.shadow.upstream.UpstreamAddress;
import dev.minato.shadow.upstream.UpstreamClient;
import dev.minato.shadow.upstream.UpstreamSettings;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code minato replay}: an access log sent again to the old and the new service, compared. */
@Command(
    name = "replay",
    mixinStandardHelpOptions = true,
    description = {
      "Replay the requests of an access log (nginx combined, LTSV, ALB or HAR) against the",
      "primary (the running service) and the candidate (its new copy), and compare the answers",
      "field by field. A --secondary (a second old copy) tells noise from regressions; without",
      "one, the primary is asked twice. Only GET, HEAD and OPTIONS are sent unless --methods",
      "widens it. Malformed lines are counted and shown, never fatal.",
      "Exit 1 when --max-diff-rate is exceeded, 2 for invalid input, 3 when the primary never",
      "answered."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  minato replay access.log --primary http://10.0.0.5:8080 --candidate http://127.0.0.1:30080",
      "  minato replay access.ltsv --primary http://old:8080 --candidate http://new:8080 \\",
      "      --secondary http://old-2:8080 --speed 10x --max-diff-rate 0.1%% --html diff.html",
      "  minato replay alb.log --format alb --primary https://old.example.com \\",
      "      --candidate https://new.example.com --rate 50/s --rules shadow-rules.yaml",
      "  minato replay session.har --primary http://old:8080 --candidate http://new:8080 --json",
      "  minato replay access.log --dry-run   (read and count only; prints lines/s)"
    })
public final class ReplayCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "LOG", description = "The access log or HAR file.")
  Path log;

  @Option(names = "--primary", paramLabel = "URL", description = "The running service.")
  String primary;

  @Option(names = "--candidate", paramLabel = "URL", description = "Its new copy, judged.")
  String candidate;

  @Option(
      names = "--secondary",
      paramLabel = "URL",
      description = "A second copy of the old service, to tell noise (default: the primary again).")
  String secondary;

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      description = "nginx, ltsv, alb or har (default: detected from the file).")
  String format;

  @Option(
      names = "--speed",
      paramLabel = "FACTOR",
      description = "Replay at the log's pace times FACTOR, like 10x (default: 1x).")
  String speed;

  @Option(
      names = "--rate",
      paramLabel = "RATE",
      description = "Replay at a fixed rate instead of the log's pace, like 100/s.")
  String rate;

  @Option(
      names = "--methods",
      paramLabel = "METHOD",
      split = ",",
      description =
          "Methods replayed (default GET,HEAD,OPTIONS). Access logs hold no bodies: a widened"
              + " method is sent without one, except from HAR.")
  List<String> methods;

  @Option(
      names = "--concurrency",
      paramLabel = "N",
      description = "Exchanges outstanding at once (default: ${DEFAULT-VALUE}).")
  int concurrency = 64;

  @Option(
      names = "--body-limit",
      paramLabel = "BYTES",
      description =
          "Response bodies up to BYTES are compared field by field, larger ones by hash"
              + " (default: ${DEFAULT-VALUE}).")
  int bodyLimit = 64 * 1024;

  @Option(names = "--insecure", description = "Skip certificate checks for https upstreams.")
  boolean insecure;

  @Option(names = "--dry-run", description = "Read and count the log; send nothing.")
  boolean dryRun;

  @Mixin ComparisonOptions comparison;

  @Override
  public Integer call() {
    if (!Files.isRegularFile(log)) {
      throw UserError.invalidInput(log + ": no such file; name an access log or HAR file");
    }
    RequestSource source = format().source(log);
    Set<String> replayed = methods();
    PrintWriter out = spec.commandLine().getOut();
    if (dryRun) {
      ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
      long cpuStart = cpu.getCurrentThreadCpuTime();
      ReplaySummary summary = read(() -> Replay.read(source, replayed));
      double cpuSeconds = (cpu.getCurrentThreadCpuTime() - cpuStart) / 1e9;
      out.printf(
          "read %s: %d requests (%d to replay), %d malformed lines in %.2f s: %.0f lines/s%n",
          log,
          summary.requests(),
          summary.replayed(),
          summary.malformed(),
          summary.seconds(),
          (summary.requests() + summary.malformed()) / Math.max(summary.seconds(), 1e-9));
      // On a shared machine the wall-clock rate says how much CPU the reader was given; this one
      // says what reading costs.
      out.printf(
          "reading thread: %.2f s of CPU: %.0f lines per CPU second%n",
          cpuSeconds, (summary.requests() + summary.malformed()) / Math.max(cpuSeconds, 1e-9));
      notes(summary).forEach(note -> printNote(out, note));
      return ExitCodes.OK;
    }
    if (primary == null || candidate == null) {
      throw UserError.invalidInput(
          "missing --primary URL and --candidate URL (or --dry-run to only read the log)");
    }
    if (speed != null && rate != null) {
      throw UserError.invalidInput("--speed and --rate exclude each other: choose one pace");
    }
    if (concurrency < 1 || concurrency > 10_000) {
      throw UserError.invalidInput("--concurrency " + concurrency + ": expected 1 to 10000");
    }
    if (bodyLimit < 0) {
      throw UserError.invalidInput("--body-limit " + bodyLimit + ": expected 0 or more bytes");
    }
    Pace pace = pace();
    ComparingSink sink = comparison.sink();
    Replay.Stop stop = new Replay.Stop();
    CountDownLatch reported = new CountDownLatch(1);
    // Ctrl-C: stop sending, let the exchanges in flight finish, and report before the JVM exits.
    Thread hook =
        new Thread(
            () -> {
              stop.pull();
              try {
                reported.await(15, TimeUnit.SECONDS);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            },
            "minato-replay-interrupt");
    Runtime.getRuntime().addShutdownHook(hook);
    Replay.Live live = new Replay.Live();
    Progress progress = Progress.onTerminal(lines(live), spec.commandLine().getErr());
    try {
      progress.start();
      ReplaySummary summary = replay(source, pace, replayed, sink, stop, live);
      progress.stop();
      return report(sink, summary, out);
    } finally {
      progress.stop();
      reported.countDown();
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException shuttingDown) {
        // The JVM is already exiting (Ctrl-C); the hook is what waited for this report.
      }
    }
  }

  /** The progress line: elapsed, requests sent in the last second, read, sent, answered. */
  private static Supplier<String> lines(Replay.Live live) {
    AtomicLong last = new AtomicLong();
    return () -> {
      long sent = live.sent();
      return String.format(
          Locale.ROOT,
          "%6.0fs  %7d/s  read %-9d sent %-9d answered %-9d malformed %d",
          live.elapsedSeconds(),
          sent - last.getAndSet(sent),
          live.read(),
          sent,
          live.answered(),
          live.malformed());
    };
  }

  private ReplaySummary replay(
      RequestSource source,
      Pace pace,
      Set<String> replayed,
      ComparingSink sink,
      Replay.Stop stop,
      Replay.Live live) {
    UpstreamSettings settings =
        UpstreamSettings.defaults().withBodyLimit(bodyLimit).withInsecure(insecure);
    try (IoThreads threads = IoThreads.start(2);
        UpstreamClient primaryClient = client(primary, "--primary", settings, threads);
        UpstreamClient candidateClient = client(candidate, "--candidate", settings, threads);
        UpstreamClient secondaryClient =
            secondary == null ? null : client(secondary, "--secondary", settings, threads)) {
      Replay.Upstreams upstreams =
          new Replay.Upstreams(
              primaryClient, candidateClient, Optional.ofNullable(secondaryClient));
      return read(
          () ->
              Replay.run(
                  source,
                  new Replay.Options(pace, replayed, concurrency),
                  upstreams,
                  sink,
                  stop,
                  live));
    }
  }

  private int report(ComparingSink sink, ReplaySummary summary, PrintWriter out) {
    ShadowResults results = sink.results();
    int exit = comparison.report(results, notes(summary), out);
    if (results.compared() == 0 && !results.primaryFailures().isEmpty()) {
      spec.commandLine()
          .getErr()
          .println(
              "minato: the primary "
                  + primary
                  + " never answered ("
                  + results.primaryFailures()
                  + "); nothing could be compared");
      return ExitCodes.ENVIRONMENT;
    }
    return exit;
  }

  private ReplayFormat format() {
    if (format == null) {
      try {
        return ReplayFormat.detect(log);
      } catch (IOException e) {
        throw UserError.invalidInput(log + ": cannot read: " + e.getMessage());
      }
    }
    return ReplayFormat.of(format)
        .orElseThrow(
            () ->
                UserError.invalidInput(
                    "--format '"
                        + format
                        + "': expected one of "
                        + String.join(", ", ReplayFormat.ids())
                        + ReplayFormat.didYouMean(format)));
  }

  private Set<String> methods() {
    if (methods == null || methods.isEmpty()) {
      return Replay.SAFE_METHODS;
    }
    Set<String> upper = new LinkedHashSet<>();
    for (String method : methods) {
      String name = method.strip().toUpperCase(Locale.ROOT);
      if (!name.matches("[A-Z]+")) {
        throw UserError.invalidInput("--methods '" + method + "': expected a method like GET");
      }
      upper.add(name);
    }
    return upper;
  }

  private Pace pace() {
    try {
      if (rate != null) {
        return Pace.rate(rate);
      }
      return speed == null ? Pace.AS_LOGGED : Pace.speed(speed);
    } catch (InvalidValueException e) {
      throw UserError.invalidInput(e.getMessage());
    }
  }

  private static UpstreamClient client(
      String url, String option, UpstreamSettings settings, IoThreads threads) {
    try {
      return UpstreamClient.create(UpstreamAddress.parse(url), settings, threads);
    } catch (IllegalArgumentException e) {
      throw UserError.invalidInput(option + " " + e.getMessage());
    }
  }

  /** A read of the log whose errors are the user's: a missing file, a HAR that is not JSON. */
  @FunctionalInterface
  private interface Reading {
    ReplaySummary run() throws IOException, ManifestException;
  }

  private ReplaySummary read(Reading reading) {
    try {
      return reading.run();
    } catch (ManifestException e) {
      throw UserError.invalidInput(e.located());
    } catch (IOException e) {
      throw UserError.invalidInput(log + ": cannot read: " + e.getMessage());
    }
  }

  static List<RunNote> notes(ReplaySummary summary) {
    List<RunNote> notes = new ArrayList<>();
    if (summary.malformed() > 0) {
      notes.add(
          new RunNote(
              "malformed log lines (not replayed)",
              summary.malformed(),
              summary.firstMalformed().stream().map(Object::toString).toList()));
    }
    if (!summary.skipped().isEmpty()) {
      notes.add(
          new RunNote(
              "requests skipped (method not replayed; widen with --methods)",
              summary.skipped().values().stream().mapToLong(Long::longValue).sum(),
              summary.skipped().entrySet().stream()
                  .sorted(java.util.Map.Entry.comparingByKey())
                  .map(e -> e.getKey() + " " + e.getValue())
                  .toList()));
    }
    if (summary.stopped()) {
      notes.add(
          new RunNote(
              "replay stopped before the end of the log; requests sent",
              summary.replayed(),
              List.of()));
    }
    if (summary.late() > 0) {
      notes.add(
          new RunNote(
              "requests sent over 100 ms late (the upstreams were slower than the pace)",
              summary.late(),
              List.of()));
    }
    return notes;
  }

  private static void printNote(PrintWriter out, RunNote note) {
    out.println(note.label() + ": " + note.count());
    note.details().forEach(detail -> out.println("  " + detail));
  }
}
