package dev.minato.cli.load;

import dev.minato.cli.UserError;
import dev.minato.load.scenario.ArrivalModel;
import dev.minato.load.scenario.ClientCertificate;
import dev.minato.load.scenario.Protocol;
import dev.minato.load.scenario.RequestTemplate;
import dev.minato.load.scenario.Scenario;
import dev.minato.load.scenario.ScenarioException;
import dev.minato.load.scenario.ScenarioReader;
import dev.minato.load.scenario.Tls;
import dev.minato.load.slo.Slo;
import dev.minato.load.slo.SloException;
import dev.minato.load.syntax.Rate;
import dev.minato.manifest.InvalidValueException;
import dev.minato.manifest.duration.Durations;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The scenario a command works on: a LoadTest file or a bare URL, with command-line flags that
 * override the file for quick runs. Shared by {@code load run} and {@code load job}.
 */
final class ScenarioOptions {

  @Parameters(
      index = "0",
      paramLabel = "SCENARIO|URL",
      description = "A LoadTest scenario file, or an http:// or https:// URL to GET.")
  String source;

  @Option(
      names = "--rate",
      paramLabel = "RATE",
      description = "Open model: requests per second, like 500/s (overrides the file).")
  String rate;

  @Option(
      names = "--concurrency",
      paramLabel = "N",
      description = "Closed model: N connections, each sending when its last answer came.")
  Integer concurrency;

  @Option(
      names = "--duration",
      paramLabel = "DURATION",
      description = "How long to send, like 30s (default 10s for a URL without --requests).")
  String duration;

  @Option(names = "--requests", paramLabel = "N", description = "Stop after N requests.")
  Long requests;

  @Option(
      names = "--timeout",
      paramLabel = "DURATION",
      description = "Per-request timeout, like 2s (default 2s).")
  String timeout;

  @Option(
      names = "--warmup",
      paramLabel = "DURATION",
      description = "Send the same load this long first, unmeasured (JIT and connections warm up).")
  String warmup;

  @Option(
      names = {"-m", "--method"},
      paramLabel = "METHOD",
      description = "URL runs: the method, like POST (default GET).")
  String method;

  @Option(names = "--body", paramLabel = "TEXT", description = "URL runs: the request body.")
  String body;

  @Option(
      names = "--body-file",
      paramLabel = "FILE",
      description = "URL runs: the request body, read from FILE.")
  Path bodyFile;

  @Option(
      names = {"-H", "--header"},
      paramLabel = "'NAME: VALUE'",
      description =
          "A header for every request, like 'Authorization: Bearer xyz' (repeatable; replaces"
              + " the scenario's header of that name).")
  List<String> headers = new ArrayList<>();

  @Option(
      names = "--cacert",
      paramLabel = "FILE",
      description =
          "https: trust the CA certificates in this PEM file (a private CA, a self-signed"
              + " certificate) instead of Java's.")
  Path cacert;

  @Option(
      names = "--cert",
      paramLabel = "FILE",
      description =
          "https: the client certificate (PEM) for servers that ask for one (mutual TLS).")
  Path clientCertificate;

  @Option(
      names = "--key",
      paramLabel = "FILE",
      description = "https: the client certificate's key, unencrypted PKCS#8 PEM.")
  Path clientKey;

  @Option(
      names = "--insecure",
      description = "https: do not verify the server's certificate or name, like curl -k.")
  boolean insecure;

  @Option(
      names = "--max-connections",
      paramLabel = "N",
      description =
          "Open model, and either model with --http2: the most connections to open (default"
              + " 1024); over HTTP/2 the requests share them as streams.")
  Integer maxConnections;

  @Option(
      names = "--http2",
      description =
          "Speak HTTP/2: TLS with ALPN h2 for https://, cleartext h2c with prior knowledge for"
              + " http:// (like the scenario's 'protocol: h2').")
  boolean http2;

  @Option(
      names = "--slo",
      paramLabel = "SLO",
      description =
          "A gate like 'p99<250ms', 'errors<0.1%%', 'rate>=1900/s', or 'checkout:p99<300ms' for"
              + " one named request; repeatable.")
  List<String> slos = new ArrayList<>();

  /** The scenario with every override applied; bad input becomes an exit-2 error. */
  Scenario scenario() {
    if (rate != null && concurrency != null) {
      throw UserError.invalidInput(
          "give either --rate (open model) or --concurrency (closed model)");
    }
    Scenario scenario = base();
    if (rate != null) {
      Rate r =
          Rate.parse(rate)
              .filter(x -> x.perSecond() > 0)
              .orElseThrow(
                  () ->
                      UserError.invalidInput("--rate '" + rate + "': expected " + Rate.expected()));
      scenario = scenario.withModel(ArrivalModel.Open.constant(r));
    }
    if (concurrency != null) {
      if (concurrency < 1) {
        throw UserError.invalidInput("--concurrency must be at least 1, not " + concurrency);
      }
      scenario = scenario.withModel(new ArrivalModel.Closed(concurrency));
    }
    if (duration != null) {
      scenario = scenario.withDuration(positive("--duration", duration));
    }
    if (requests != null) {
      if (requests < 1) {
        throw UserError.invalidInput("--requests must be at least 1, not " + requests);
      }
      scenario = scenario.withMaxRequests(requests);
    }
    if (timeout != null) {
      scenario = scenario.withTimeout(positive("--timeout", timeout));
    }
    if (warmup != null) {
      scenario = scenario.withWarmup(positive("--warmup", warmup));
    }
    if (maxConnections != null) {
      if (maxConnections < 1) {
        throw UserError.invalidInput("--max-connections must be at least 1, not " + maxConnections);
      }
      scenario = scenario.withMaxConnections(maxConnections);
    }
    if (http2) {
      scenario = scenario.withProtocol(Protocol.H2);
    }
    scenario = withTls(scenario);
    scenario = withHeaders(scenario);
    scenario = scenario.withMoreSlos(parseSlos(slos));
    checkRequestNames(
        scenario.slos(), scenario.requests().stream().map(RequestTemplate::name).toList());
    if (!scenario.isBounded()) {
      scenario = scenario.withDuration(Duration.ofSeconds(10));
    }
    return scenario;
  }

  /**
   * The TLS flags over the scenario's own settings: --cacert or --insecure replace how the server
   * is trusted, --cert with --key the client certificate.
   */
  private Scenario withTls(Scenario scenario) {
    boolean trustFlag = cacert != null || insecure;
    boolean clientFlag = clientCertificate != null || clientKey != null;
    if (!trustFlag && !clientFlag) {
      return scenario;
    }
    if (cacert != null && insecure) {
      throw UserError.invalidInput("give either --cacert or --insecure, not both");
    }
    if ((clientCertificate == null) != (clientKey == null)) {
      throw UserError.invalidInput("give --cert and --key together");
    }
    if (!scenario.secure()) {
      String flag = insecure ? "--insecure" : cacert != null ? "--cacert" : "--cert";
      throw UserError.invalidInput(
          flag + " applies to https:// targets; the target is " + scenario.target());
    }
    Tls tls = scenario.tls();
    try {
      if (trustFlag) {
        Tls trust = insecure ? Tls.insecure() : Tls.trusting(read(cacert, "--cacert"));
        tls = tls.trustingAs(trust);
      }
    } catch (CertificateException e) {
      throw UserError.invalidInput(
          "--cacert " + cacert + ": not a PEM CA certificate: " + e.getMessage());
    }
    if (clientFlag) {
      try {
        tls =
            tls.presenting(
                ClientCertificate.of(read(clientCertificate, "--cert"), read(clientKey, "--key")));
      } catch (CertificateException e) {
        throw UserError.invalidInput("--cert/--key: " + e.getMessage());
      }
    }
    return scenario.withTls(tls);
  }

  private Scenario withMethodAndBody(Scenario scenario) {
    if (method == null && body == null && bodyFile == null) {
      return scenario;
    }
    if (body != null && bodyFile != null) {
      throw UserError.invalidInput("give either --body or --body-file, not both");
    }
    String verb = method == null ? "GET" : method.toUpperCase(Locale.ROOT);
    if (!RequestTemplate.METHODS.contains(verb)) {
      throw UserError.invalidInput(
          "--method '" + method + "': expected one of " + new TreeSet<>(RequestTemplate.METHODS));
    }
    byte[] bytes = new byte[0];
    if (body != null) {
      bytes = body.getBytes(StandardCharsets.UTF_8);
    } else if (bodyFile != null) {
      try {
        bytes = Files.readAllBytes(bodyFile);
      } catch (IOException e) {
        throw UserError.invalidInput(
            "--body-file: cannot read " + bodyFile + ": " + e.getMessage());
      }
    }
    RequestTemplate request = scenario.requests().get(0).withMethodAndBody(verb, bytes);
    return scenario.toBuilder().requests(List.of(request)).build();
  }

  private Scenario withHeaders(Scenario scenario) {
    for (String header : headers) {
      int colon = header.indexOf(':');
      if (colon <= 0) {
        throw UserError.invalidInput(
            "--header '" + header + "': expected 'Name: value', like 'Authorization: Bearer xyz'");
      }
      String name = header.substring(0, colon).strip();
      String value = header.substring(colon + 1).strip();
      RequestTemplate.headerProblem(name, value)
          .ifPresent(
              problem -> {
                throw UserError.invalidInput("--header '" + header + "': " + problem);
              });
      scenario = scenario.withHeader(name, value);
    }
    return scenario;
  }

  private static String read(Path file, String flag) {
    try {
      return Files.readString(file, StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw UserError.invalidInput(flag + ": cannot read " + file + ": " + e.getMessage());
    }
  }

  /** Refuses (exit 2) an SLO that names a request the run does not have, with a suggestion. */
  static void checkRequestNames(List<Slo> slos, List<String> names) {
    for (Slo slo : slos) {
      slo.unknownRequest(names)
          .ifPresent(
              why -> {
                throw UserError.invalidInput("--slo: " + why);
              });
    }
  }

  static List<Slo> parseSlos(List<String> texts) {
    List<Slo> parsed = new ArrayList<>();
    for (String text : texts) {
      try {
        parsed.add(Slo.parse(text));
      } catch (SloException e) {
        throw UserError.invalidInput("--slo: " + e.getMessage());
      }
    }
    return parsed;
  }

  private Scenario base() {
    if (source.startsWith("http://") || source.startsWith("https://")) {
      URI url;
      try {
        url = new URI(source);
      } catch (URISyntaxException e) {
        throw UserError.invalidInput("'" + source + "' is not a URL: " + e.getReason());
      }
      if (url.getHost() == null) {
        throw UserError.invalidInput("'" + source + "' has no host");
      }
      if (rate == null && concurrency == null) {
        throw UserError.invalidInput(
            "a URL needs an arrival model: add --rate 500/s (open) or --concurrency 32 (closed)");
      }
      // The model is replaced by the flag right after; this placeholder is never run.
      return withMethodAndBody(Scenario.ofUrl(url, new ArrivalModel.Closed(1)));
    }
    if (method != null || body != null || bodyFile != null) {
      throw UserError.invalidInput(
          "--method, --body and --body-file apply to URL runs; a scenario sets them per request");
    }
    Path file = Path.of(source);
    if (!Files.isRegularFile(file)) {
      throw UserError.invalidInput(
          source
              + ": no such scenario file (give a LoadTest YAML file or an http:// or https://"
              + " URL)");
    }
    try {
      return ScenarioReader.read(
          file,
          new ScenarioReader.Flags(
              rate != null || concurrency != null, duration != null || requests != null));
    } catch (ScenarioException e) {
      throw UserError.invalidInput(e.located());
    }
  }

  private static Duration positive(String flag, String text) {
    Duration d;
    try {
      d = Durations.parse(text);
    } catch (InvalidValueException e) {
      throw UserError.invalidInput(flag + ": " + e.getMessage());
    }
    if (d.isZero()) {
      throw UserError.invalidInput(flag + " must be above 0");
    }
    return d;
  }
}
