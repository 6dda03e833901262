package dev.minato.cli.shadow;

import dev.minato.cli.UserError;
import dev.minato.manifest.InvalidValueException;
import dev.minato.manifest.duration.Durations;
import dev.minato.manifest.quantity.Quantity;
import dev.minato.shadow.compare.ComparingSink;
import dev.minato.shadow.proxy.ListenAddress;
import dev.minato.shadow.proxy.MirrorPolicy;
import dev.minato.shadow.proxy.ProxyNotes;
import dev.minato.shadow.proxy.ProxySettings;
import dev.minato.shadow.proxy.ShadowRun;
import dev.minato.shadow.proxy.ShadowStatus;
import dev.minato.shadow.proxy.StatusEndpoint;
import dev.minato.shadow.proxy.StatusText;
import dev.minato.shadow.upstream.UpstreamAddress;
import dev.minato.shadow.upstream.UpstreamSettings;
import java.io.IOException;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code minato shadow}: a reverse proxy that answers from the primary and mirrors to copies. */
@Command(
    name = "shadow",
    mixinStandardHelpOptions = true,
    description = {
      "Proxy clients to the primary (its answer unchanged, streamed) and mirror safe requests",
      "to a candidate copy (and a secondary copy of the old service, for noise) in the background.",
      "A slow or failing copy never delays or fails a client: copies beyond the queue are dropped",
      "and counted. Responses are compared (status, headers, JSON bodies field by field, text",
      "line by line); a field that differs between the two old copies as often is noise.",
      "Ctrl-C, --duration or --requests ends the run with the report.",
      "Exit 1 when --max-diff-rate is exceeded, 2 for invalid input, 3 when an address cannot",
      "be bound."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  minato shadow --listen :8080 --primary http://10.0.0.5:8080 \\",
      "      --candidate https://shop.k8s.example --duration 1h --status :9090",
      "  minato shadow --listen 0.0.0.0:8080 --primary http://old:8080 --candidate http://new:8080 \\",
      "      --secondary http://old-2:8080 --rules shadow-rules.yaml --max-diff-rate 0.1%% \\",
      "      --html shadow.html --requests 100000",
      "",
      "See docs/shadow.md."
    })
public final class ShadowCommand implements Callable<Integer> {

  private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");

  @Spec CommandSpec spec;

  @Mixin ComparisonOptions comparison;

  @Option(
      names = "--listen",
      required = true,
      paramLabel = "ADDR",
      description = "Where clients connect: HOST:PORT, or :PORT for 127.0.0.1.")
  String listen;

  @Option(
      names = "--primary",
      required = true,
      paramLabel = "URL",
      description = "The service that answers clients (http:// or https://).")
  String primary;

  @Option(
      names = "--candidate",
      required = true,
      paramLabel = "URL",
      description = "The new copy requests are mirrored to.")
  String candidate;

  @Option(
      names = "--secondary",
      paramLabel = "URL",
      description =
          "A second copy of the old service, to tell noise from regressions. Without it, GET and"
              + " HEAD requests go to the primary a second time instead.")
  String secondary;

  @Option(
      names = "--primary-once",
      description = "Without --secondary, do not ask the primary a second time (no noise check).")
  boolean primaryOnce;

  @Option(
      names = "--mirror-methods",
      paramLabel = "LIST",
      split = ",",
      description = "Methods mirrored (default GET,HEAD,OPTIONS).")
  String[] mirrorMethods;

  @Option(
      names = "--mirror-bodies",
      description = "Also mirror requests that have a body (never by default).")
  boolean mirrorBodies;

  @Option(
      names = "--body-limit",
      paramLabel = "SIZE",
      defaultValue = "64Ki",
      description =
          "Bodies up to SIZE are compared by content, larger ones by hash (default 64Ki;"
              + " a quantity: 1Mi, 500k).")
  String bodyLimit;

  @Option(
      names = "--queue",
      paramLabel = "N",
      defaultValue = "1000",
      description = "Mirrored requests in flight at most; beyond it copies are dropped (1000).")
  int queue;

  @Option(
      names = "--timeout",
      paramLabel = "D",
      defaultValue = "10s",
      description = "How long a copy may stay silent before it counts as timed out (10s).")
  String timeout;

  @Option(
      names = "--primary-timeout",
      paramLabel = "D",
      defaultValue = "60s",
      description = "How long the primary may stay silent before the client gets 504 (60s).")
  String primaryTimeout;

  @Option(
      names = "--max-connections",
      paramLabel = "N",
      defaultValue = "256",
      description = "Connections per upstream and event loop at most (256).")
  int maxConnections;

  @Option(
      names = "--insecure",
      description = "https upstreams: do not verify certificates or names (like curl -k).")
  boolean insecure;

  @Option(
      names = "--status",
      paramLabel = "ADDR",
      description = "Serve the run's counts as JSON at HOST:PORT (or :PORT), for long runs.")
  String status;

  @Option(names = "--duration", paramLabel = "D", description = "Stop after this long (1h30m).")
  String duration;

  @Option(names = "--requests", paramLabel = "N", description = "Stop after N client requests.")
  Long requests;

  @Option(
      names = {"-t", "--threads"},
      paramLabel = "N",
      description = "Event-loop threads (default: one per CPU).")
  Integer threads;

  @Override
  public Integer call() {
    ProxySettings settings = settings();
    Optional<Duration> runFor = Optional.ofNullable(duration).map(d -> duration("--duration", d));
    if (requests != null && requests < 1) {
      throw UserError.invalidInput("--requests " + requests + ": expected at least 1");
    }
    int loops = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
    if (loops < 1 || loops > 1024) {
      throw UserError.invalidInput("--threads " + loops + ": expected 1 to 1024");
    }
    Optional<InetSocketAddress> statusAddress =
        Optional.ofNullable(status).map(s -> address("--status", s));
    ComparingSink sink = comparison.sink();
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();

    ShadowRun run;
    try {
      run = ShadowRun.start(settings, sink, loops);
    } catch (IOException e) {
      throw UserError.environment(e.getMessage());
    }
    StatusEndpoint endpoint = null;
    CountDownLatch reported = new CountDownLatch(1);
    Thread hook =
        new Thread(
            () -> {
              run.stop();
              awaitQuietly(reported, settings.mirrorSettings().responseTimeout().plusSeconds(5));
            },
            "minato-shadow-interrupt");
    Runtime.getRuntime().addShutdownHook(hook);
    Progress progress = Progress.onTerminal(lines(run.proxy()::status), err);
    try {
      if (statusAddress.isPresent()) {
        endpoint = StatusEndpoint.start(statusAddress.get(), run.proxy()::status);
      }
      err.println(
          "minato shadow: listening on "
              + run.proxy().endpoint()
              + ", primary "
              + settings.primary()
              + ", candidate "
              + settings.candidate()
              + settings.secondary().map(s -> ", secondary " + s).orElse("")
              + (endpoint == null
                  ? ""
                  : ", status http://"
                      + endpoint.address().getHostString()
                      + ":"
                      + endpoint.address().getPort()
                      + "/"));
      err.flush();
      progress.start();
      run.awaitEnd(runFor, requests == null ? OptionalLong.empty() : OptionalLong.of(requests));
      progress.stop();
      ShadowStatus last = run.finish(settings.mirrorSettings().responseTimeout().plusSeconds(1));
      return comparison.report(sink.results(), ProxyNotes.of(last), out);
    } catch (IOException e) {
      throw UserError.environment("cannot serve --status: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw UserError.environment("the shadow run was interrupted before it could report");
    } finally {
      progress.stop();
      if (endpoint != null) {
        endpoint.close();
      }
      run.close();
      reported.countDown();
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException shuttingDown) {
        // The JVM is exiting (Ctrl-C); the hook is what waited for this report.
      }
    }
  }

  private ProxySettings settings() {
    Set<String> methods =
        mirrorMethods == null
            ? MirrorPolicy.SAFE.methods()
            : Arrays.stream(mirrorMethods)
                .map(String::strip)
                .map(m -> m.toUpperCase(Locale.ROOT))
                .collect(Collectors.toSet());
    for (String method : methods) {
      if (!TOKEN.matcher(method).matches()) {
        throw UserError.invalidInput(
            "--mirror-methods: '" + method + "' is not a method; expected like GET,HEAD,POST");
      }
    }
    if (queue < 1) {
      throw UserError.invalidInput("--queue " + queue + ": expected at least 1");
    }
    if (maxConnections < 1) {
      throw UserError.invalidInput("--max-connections " + maxConnections + ": expected at least 1");
    }
    int limit = size("--body-limit", bodyLimit);
    UpstreamSettings mirrorClient =
        new UpstreamSettings(
            Duration.ofSeconds(2),
            duration("--timeout", timeout),
            maxConnections,
            queue,
            limit,
            insecure);
    UpstreamSettings primaryClient =
        mirrorClient.withResponseTimeout(duration("--primary-timeout", primaryTimeout));
    return ProxySettings.builder(
            address("--listen", listen),
            upstream("--primary", primary),
            upstream("--candidate", candidate))
        .secondary(Optional.ofNullable(secondary).map(s -> upstream("--secondary", s)))
        .primaryTwice(!primaryOnce)
        .policy(new MirrorPolicy(methods, mirrorBodies))
        .queueCapacity(queue)
        .primarySettings(primaryClient)
        .mirrorSettings(mirrorClient)
        .build();
  }

  private static UpstreamAddress upstream(String flag, String url) {
    try {
      return UpstreamAddress.parse(url);
    } catch (IllegalArgumentException e) {
      throw UserError.invalidInput(flag + ": " + e.getMessage());
    }
  }

  private static InetSocketAddress address(String flag, String text) {
    try {
      return ListenAddress.parse(text);
    } catch (IllegalArgumentException e) {
      throw UserError.invalidInput(flag + ": " + e.getMessage());
    }
  }

  private static Duration duration(String flag, String text) {
    try {
      Duration d = Durations.parse(text);
      if (d.isZero() || d.isNegative()) {
        throw UserError.invalidInput(
            flag + " " + text + ": expected a positive duration, like 30s");
      }
      return d;
    } catch (InvalidValueException e) {
      throw UserError.invalidInput(flag + ": " + e.getMessage());
    }
  }

  private static int size(String flag, String text) {
    try {
      BigDecimal bytes = Quantity.parse(text).value();
      if (bytes.signum() < 0 || bytes.compareTo(BigDecimal.valueOf(Integer.MAX_VALUE - 8)) > 0) {
        throw UserError.invalidInput(flag + " " + text + ": expected 0 to 2Gi bytes, like 64Ki");
      }
      return bytes.intValue();
    } catch (InvalidValueException e) {
      throw UserError.invalidInput(flag + ": " + e.getMessage());
    }
  }

  /** The progress line: the run's counts, with the requests of the last second. */
  private static Supplier<String> lines(Supplier<ShadowStatus> status) {
    AtomicLong last = new AtomicLong();
    return () -> {
      ShadowStatus now = status.get();
      return StatusText.line(now, now.requests() - last.getAndSet(now.requests()));
    };
  }

  private static void awaitQuietly(CountDownLatch latch, Duration limit) {
    try {
      latch.await(limit.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
