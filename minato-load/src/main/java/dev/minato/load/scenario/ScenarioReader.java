package dev.minato.load.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import dev.minato.load.slo.Slo;
import dev.minato.load.slo.SloException;
import dev.minato.load.syntax.Rate;
import dev.minato.manifest.Document;
import dev.minato.manifest.FileErrors;
import dev.minato.manifest.InvalidValueException;
import dev.minato.manifest.JsonPointers;
import dev.minato.manifest.ManifestException;
import dev.minato.manifest.Positions;
import dev.minato.manifest.SourcePosition;
import dev.minato.manifest.Suggestions;
import dev.minato.manifest.YamlReader;
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
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;

/**
 * Reads a {@code kind: LoadTest} file into a {@link Scenario}. Every error names the file, line and
 * column, the field, and what was expected; unknown fields get a "did you mean".
 */
public final class ScenarioReader {

  public static final String API_VERSION = "minato.dev/v1alpha1";
  public static final String KIND = "LoadTest";

  /**
   * The apiVersion of the same document as a Kubernetes resource (the LoadTest custom resource): a
   * file in either version reads the same, so one file serves {@code load run} and {@code kubectl
   * apply}.
   */
  public static final String RESOURCE_API_VERSION = "load.minato.dev/v1alpha1";

  private static final Set<String> TOP = Set.of("apiVersion", "kind", "metadata", "spec");
  private static final Set<String> METADATA = Set.of("name", "labels", "annotations");
  private static final Set<String> SPEC = ScenarioSchema.SPEC.names();
  private static final Set<String> TLS = ScenarioSchema.TLS.names();
  private static final Set<String> REQUEST = ScenarioSchema.REQUEST.names();
  private static final Set<String> STAGE = ScenarioSchema.STAGE.names();
  private static final Set<String> METHODS = RequestTemplate.METHODS;

  /**
   * What a command line run with the file supplies itself: an arrival model ({@code --rate}, {@code
   * --concurrency}) and an end ({@code --duration}, {@code --requests}). A file may then leave them
   * out, as a k6 script leaves its options to {@code k6 run --vus --duration}; the caller applies
   * them to the scenario read. A LoadTest resource has no command line.
   */
  public record Flags(boolean model, boolean end) {}

  private final JsonNode root;
  private final Path baseDir;
  private final Positions positions;
  private final Optional<Flags> flags;

  private ScenarioReader(JsonNode root, Path baseDir, Positions positions, Optional<Flags> flags) {
    this.root = root;
    this.baseDir = baseDir;
    this.positions = positions;
    this.flags = flags;
  }

  /** Reads the scenario in {@code file}; body files are resolved against its directory. */
  public static Scenario read(Path file) throws ScenarioException {
    return read(file, Optional.empty());
  }

  /**
   * Reads the scenario in {@code file} for a command line that supplies {@code flags}: a model the
   * file lacks is then a placeholder, which the caller must replace.
   */
  public static Scenario read(Path file, Flags flags) throws ScenarioException {
    return read(file, Optional.of(flags));
  }

  private static Scenario read(Path file, Optional<Flags> flags) throws ScenarioException {
    List<Document> documents;
    try {
      documents = YamlReader.read(file);
    } catch (ManifestException e) {
      throw new ScenarioException(e.position(), e.getMessage());
    }
    Path dir = file.toAbsolutePath().getParent();
    return read(file.toString(), documents, dir, flags);
  }

  /** Reads scenario text; {@code sourceName} is used in positions, {@code baseDir} for bodyFile. */
  public static Scenario read(String sourceName, String text, Path baseDir)
      throws ScenarioException {
    try {
      return read(sourceName, YamlReader.read(sourceName, text), baseDir, Optional.empty());
    } catch (ManifestException e) {
      throw new ScenarioException(e.position(), e.getMessage());
    }
  }

  private static Scenario read(
      String sourceName, List<Document> documents, Path baseDir, Optional<Flags> flags)
      throws ScenarioException {
    if (documents.size() != 1) {
      throw new ScenarioException(
          documents.isEmpty() ? SourcePosition.ofSource(sourceName) : documents.get(1).start(),
          "expected exactly one LoadTest document, found " + documents.size());
    }
    Document doc = documents.get(0);
    return new ScenarioReader(doc.root(), baseDir, doc.positions(), flags).scenario();
  }

  private Scenario scenario() throws ScenarioException {
    object(root, "", TOP);
    String apiVersion = requiredText("/apiVersion");
    if (!apiVersion.equals(API_VERSION) && !apiVersion.equals(RESOURCE_API_VERSION)) {
      throw error(
          "/apiVersion",
          "apiVersion must be '"
              + API_VERSION
              + "' (or '"
              + RESOURCE_API_VERSION
              + "', the custom resource), not '"
              + apiVersion
              + "'");
    }
    String kind = requiredText("/kind");
    if (!kind.equals(KIND)) {
      throw error("/kind", "kind must be '" + KIND + "', not '" + kind + "'");
    }
    JsonNode metadata = root.path("metadata");
    object(metadata, "/metadata", METADATA);
    String name = requiredText("/metadata/name");
    JsonNode spec = root.path("spec");
    if (spec.isMissingNode()) {
      throw error("", "missing field 'spec'");
    }
    object(spec, "/spec", SPEC);

    URI target = target(requiredText("/spec/target"));
    List<RequestTemplate> requests = requests(spec.path("requests"), target);
    ArrivalModel model = model(spec);
    Optional<Duration> duration = optionalDuration(spec, "/spec/duration");
    OptionalLong maxRequests = OptionalLong.empty();
    if (spec.has("maxRequests")) {
      maxRequests = OptionalLong.of(positiveInt(spec.get("maxRequests"), "/spec/maxRequests"));
    }
    Duration timeout = optionalDuration(spec, "/spec/timeout").orElse(Scenario.DEFAULT_TIMEOUT);
    int maxConnections =
        spec.has("maxConnections")
            ? (int) positiveInt(spec.get("maxConnections"), "/spec/maxConnections")
            : Scenario.DEFAULT_MAX_CONNECTIONS;
    Optional<Duration> warmup = optionalDuration(spec, "/spec/warmup");
    List<Slo> slos = slos(spec.path("slos"), requests);
    Tls tls = tls(spec, target);
    Protocol protocol = protocol(spec);
    URI base = URI.create(target.getScheme() + "://" + target.getRawAuthority());
    Scenario scenario =
        Scenario.builder(name, base, requests, model)
            .duration(duration)
            .maxRequests(maxRequests)
            .timeout(timeout)
            .maxConnections(maxConnections)
            .warmup(warmup)
            .slos(slos)
            .tls(tls)
            .protocol(protocol)
            .build();
    if (!scenario.isBounded() && !flags.map(Flags::end).orElse(false)) {
      throw error(
          "/spec",
          "the run has no end: set 'duration', 'maxRequests', or 'stages' (open model)"
              + (flags.isPresent() ? ", or give --duration or --requests" : ""));
    }
    return scenario;
  }

  private Protocol protocol(JsonNode spec) throws ScenarioException {
    Optional<String> text = optionalText(spec, "/spec/protocol");
    if (text.isEmpty()) {
      return Protocol.HTTP_1_1;
    }
    Optional<Protocol> protocol = Protocol.parse(text.get());
    if (protocol.isEmpty()) {
      throw error(
          "/spec/protocol",
          "protocol must be 'http/1.1' or 'h2' (HTTP/2: TLS with ALPN for https, h2c with prior"
              + " knowledge for http), not '"
              + text.get()
              + "'");
    }
    return protocol.get();
  }

  private URI target(String text) throws ScenarioException {
    try {
      URI uri = new URI(text);
      String scheme = uri.getScheme() == null ? "" : uri.getScheme();
      if (!scheme.equals("http") && !scheme.equals("https")) {
        throw error(
            "/spec/target", "target must be an http:// or https:// URL like http://127.0.0.1:8080");
      }
      if (uri.getHost() == null) {
        throw error("/spec/target", "target '" + text + "' has no host");
      }
      return uri;
    } catch (URISyntaxException e) {
      throw error("/spec/target", "target '" + text + "' is not a URL: " + e.getReason());
    }
  }

  private List<RequestTemplate> requests(JsonNode node, URI target) throws ScenarioException {
    String targetPath =
        target.getRawPath() == null || target.getRawPath().isEmpty() ? "/" : target.getRawPath();
    if (node.isMissingNode()) {
      return List.of(RequestTemplate.get(targetPath));
    }
    if (!node.isArray() || node.isEmpty()) {
      throw error("/spec/requests", "requests must be a non-empty list of requests");
    }
    List<RequestTemplate> requests = new ArrayList<>();
    for (int i = 0; i < node.size(); i++) {
      String at = JsonPointers.child("/spec/requests", i);
      JsonNode r = node.get(i);
      object(r, at, REQUEST);
      String method = optionalText(r, at + "/method").orElse("GET").toUpperCase(Locale.ROOT);
      if (!METHODS.contains(method)) {
        throw error(
            at + "/method",
            "unknown method '"
                + method
                + "'"
                + Suggestions.didYouMean(method, METHODS)
                + " (expected one of "
                + new java.util.TreeSet<>(METHODS)
                + ")");
      }
      String path = optionalText(r, at + "/path").orElse(targetPath);
      if (!path.startsWith("/")) {
        throw error(at + "/path", "path must start with '/', like /api/orders");
      }
      TreeMap<String, String> headers = new TreeMap<>();
      if (r.has("headers")) {
        JsonNode h = r.get("headers");
        if (!h.isObject()) {
          throw error(at + "/headers", "headers must be a mapping of header name to value");
        }
        for (Iterator<String> it = h.fieldNames(); it.hasNext(); ) {
          String header = it.next();
          JsonNode value = h.get(header);
          if (!value.isValueNode() || value.isNull()) {
            throw error(JsonPointers.child(at + "/headers", header), "header value must be text");
          }
          Optional<String> problem = RequestTemplate.headerProblem(header, value.asText());
          if (problem.isPresent()) {
            throw error(JsonPointers.child(at + "/headers", header), problem.get());
          }
          headers.put(header, value.asText());
        }
      }
      byte[] body = body(r, at);
      int weight = r.has("weight") ? (int) positiveInt(r.get("weight"), at + "/weight") : 1;
      String name = optionalText(r, at + "/name").orElse(method + " " + path);
      requests.add(new RequestTemplate(name, method, path, headers, body, weight));
    }
    return requests;
  }

  /**
   * {@code tls}: how the server is trusted, at most one of {@code insecureSkipVerify: true}, {@code
   * caFile} (next to the scenario) or {@code ca} (inline PEM, as a load Job's copy carries it);
   * and, for servers that ask for one, a client certificate: {@code certFile} with {@code keyFile},
   * or inline {@code cert} with {@code key}.
   */
  private Tls tls(JsonNode spec, URI target) throws ScenarioException {
    if (!spec.has("tls")) {
      return Tls.DEFAULT;
    }
    JsonNode node = spec.get("tls");
    object(node, "/spec/tls", TLS);
    if (!"https".equals(target.getScheme())) {
      throw error("/spec/tls", "tls applies to https:// targets; the target is " + target);
    }
    int trust =
        (node.has("insecureSkipVerify") ? 1 : 0)
            + (node.has("caFile") ? 1 : 0)
            + (node.has("ca") ? 1 : 0);
    if (trust > 1) {
      throw error(
          "/spec/tls",
          "give at most one of 'insecureSkipVerify: true', 'caFile' or 'ca' under tls");
    }
    Tls tls = trust(node);
    Optional<ClientCertificate> client = clientCertificate(node);
    if (trust == 0 && client.isEmpty()) {
      throw error(
          "/spec/tls",
          "tls needs 'insecureSkipVerify: true', 'caFile' or 'ca', or a client certificate"
              + " ('certFile' and 'keyFile')");
    }
    return client.map(tls::presenting).orElse(tls);
  }

  private Tls trust(JsonNode node) throws ScenarioException {
    if (node.has("insecureSkipVerify")) {
      JsonNode skip = node.get("insecureSkipVerify");
      if (!skip.isBoolean()) {
        throw error("/spec/tls/insecureSkipVerify", "expected true or false");
      }
      return skip.asBoolean() ? Tls.insecure() : Tls.DEFAULT;
    }
    if (!node.has("ca") && !node.has("caFile")) {
      return Tls.DEFAULT;
    }
    String pointer = node.has("ca") ? "/spec/tls/ca" : "/spec/tls/caFile";
    String pem = node.has("ca") ? requiredText(pointer) : pemFile(pointer, "CA");
    try {
      return Tls.trusting(pem);
    } catch (CertificateException e) {
      throw error(pointer, "not a PEM CA certificate: " + e.getMessage());
    }
  }

  private Optional<ClientCertificate> clientCertificate(JsonNode node) throws ScenarioException {
    boolean files = node.has("certFile") || node.has("keyFile");
    boolean inline = node.has("cert") || node.has("key");
    if (!files && !inline) {
      return Optional.empty();
    }
    if (files && inline) {
      throw error("/spec/tls", "give the client certificate as files or inline, not both");
    }
    String certField = files ? "certFile" : "cert";
    String keyField = files ? "keyFile" : "key";
    if (!node.has(certField) || !node.has(keyField)) {
      throw error(
          "/spec/tls",
          "a client certificate needs both '" + certField + "' and '" + keyField + "'");
    }
    String certPointer = "/spec/tls/" + certField;
    String keyPointer = "/spec/tls/" + keyField;
    String certificate = files ? pemFile(certPointer, "certificate") : requiredText(certPointer);
    String key = files ? pemFile(keyPointer, "key") : requiredText(keyPointer);
    try {
      return Optional.of(ClientCertificate.of(certificate, key));
    } catch (CertificateException e) {
      throw error(e.getMessage().startsWith("the key") ? keyPointer : certPointer, e.getMessage());
    }
  }

  /** A PEM file named at {@code pointer}, relative to the scenario's directory. */
  private String pemFile(String pointer, String what) throws ScenarioException {
    String file = requiredText(pointer);
    Path path = baseDir == null ? Path.of(file) : baseDir.resolve(file);
    try {
      return Files.readString(path, StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw error(pointer, "cannot read " + what + " file '" + path + "': " + FileErrors.reason(e));
    }
  }

  private byte[] body(JsonNode r, String at) throws ScenarioException {
    if (r.has("body") && r.has("bodyFile")) {
      throw error(at + "/bodyFile", "give either 'body' or 'bodyFile', not both");
    }
    if (r.has("body")) {
      return requiredText(at + "/body").getBytes(StandardCharsets.UTF_8);
    }
    if (r.has("bodyFile")) {
      String file = requiredText(at + "/bodyFile");
      Path path = baseDir == null ? Path.of(file) : baseDir.resolve(file);
      try {
        return Files.readAllBytes(path);
      } catch (IOException e) {
        throw error(
            at + "/bodyFile", "cannot read body file '" + path + "': " + FileErrors.reason(e));
      }
    }
    return new byte[0];
  }

  private ArrivalModel model(JsonNode spec) throws ScenarioException {
    boolean open = spec.has("rate") || spec.has("stages");
    if (open && spec.has("concurrency")) {
      throw error(
          "/spec/concurrency",
          "give either 'rate'/'stages' (open model) or 'concurrency' (closed model), not both");
    }
    if (spec.has("concurrency")) {
      return new ArrivalModel.Closed(
          (int) positiveInt(spec.get("concurrency"), "/spec/concurrency"));
    }
    if (!open && flags.map(Flags::model).orElse(false)) {
      return new ArrivalModel.Closed(1); // the command line's model replaces it
    }
    if (!open) {
      throw error(
          "/spec",
          "missing arrival model: set 'rate' (like 500/s), 'stages', or 'concurrency'"
              + (flags.isPresent() ? ", or give --rate or --concurrency" : ""));
    }
    Rate rate = spec.has("rate") ? rate("/spec/rate") : new Rate(0);
    List<Stage> stages = new ArrayList<>();
    JsonNode s = spec.path("stages");
    if (!s.isMissingNode()) {
      if (!s.isArray() || s.isEmpty()) {
        throw error("/spec/stages", "stages must be a non-empty list of {duration, rate}");
      }
      for (int i = 0; i < s.size(); i++) {
        String at = JsonPointers.child("/spec/stages", i);
        object(s.get(i), at, STAGE);
        Duration d =
            optionalDuration(s.get(i), at + "/duration").orElseThrow(() -> missing(at, "duration"));
        if (!s.get(i).has("rate")) {
          throw missing(at, "rate");
        }
        stages.add(new Stage(d, rate(at + "/rate")));
      }
    } else if (rate.perSecond() <= 0) {
      throw error("/spec/rate", "rate must be above 0");
    }
    return new ArrivalModel.Open(rate, stages);
  }

  private List<Slo> slos(JsonNode node, List<RequestTemplate> requests) throws ScenarioException {
    List<String> names = requests.stream().map(RequestTemplate::name).toList();
    if (node.isMissingNode()) {
      return List.of();
    }
    if (!node.isArray()) {
      throw error("/spec/slos", "slos must be a list like ['p99<250ms', 'errors<0.1%']");
    }
    List<Slo> slos = new ArrayList<>();
    for (int i = 0; i < node.size(); i++) {
      String at = JsonPointers.child("/spec/slos", i);
      Slo slo;
      try {
        slo = Slo.parse(text(node.get(i), at));
      } catch (SloException e) {
        throw error(at, e.getMessage());
      }
      Optional<String> unknown = slo.unknownRequest(names);
      if (unknown.isPresent()) {
        throw error(at, unknown.get());
      }
      slos.add(slo);
    }
    return slos;
  }

  private Rate rate(String pointer) throws ScenarioException {
    JsonNode node = root.at(pointer);
    String text = node.asText();
    return Rate.parse(text)
        .orElseThrow(
            () -> error(pointer, "'" + text + "' is not a rate; expected " + Rate.expected()));
  }

  private Optional<Duration> optionalDuration(JsonNode parent, String pointer)
      throws ScenarioException {
    String field = pointer.substring(pointer.lastIndexOf('/') + 1);
    if (!parent.has(field)) {
      return Optional.empty();
    }
    String text = parent.get(field).asText();
    Duration d;
    try {
      d = Durations.parse(text);
    } catch (InvalidValueException e) {
      throw error(pointer, e.getMessage());
    }
    if (d.isZero()) {
      throw error(pointer, field + " must be above 0");
    }
    return Optional.of(d);
  }

  private long positiveInt(JsonNode node, String pointer) throws ScenarioException {
    if (!node.canConvertToLong()
        || !node.isIntegralNumber()
        || node.asLong() < 1
        || node.asLong() > Integer.MAX_VALUE) {
      String field = pointer.substring(pointer.lastIndexOf('/') + 1);
      throw error(
          pointer, field + " must be a whole number of at least 1, not '" + node.asText() + "'");
    }
    return node.asLong();
  }

  private String requiredText(String pointer) throws ScenarioException {
    String field = pointer.substring(pointer.lastIndexOf('/') + 1);
    JsonNode node = root.at(pointer);
    if (node.isMissingNode() || node.isNull()) {
      String parent = pointer.substring(0, pointer.lastIndexOf('/'));
      throw missing(parent, field);
    }
    return text(node, pointer);
  }

  private String text(JsonNode node, String pointer) throws ScenarioException {
    if (!node.isValueNode() || node.isNull()) {
      throw error(pointer, "expected text, found a " + (node.isArray() ? "list" : "mapping"));
    }
    return node.asText();
  }

  private Optional<String> optionalText(JsonNode parent, String pointer) throws ScenarioException {
    String field = pointer.substring(pointer.lastIndexOf('/') + 1);
    if (!parent.has(field)) {
      return Optional.empty();
    }
    return Optional.of(text(parent.get(field), pointer));
  }

  private void object(JsonNode node, String pointer, Set<String> known) throws ScenarioException {
    if (node.isMissingNode()) {
      throw missing(
          pointer.substring(0, pointer.lastIndexOf('/')),
          pointer.substring(pointer.lastIndexOf('/') + 1));
    }
    if (!node.isObject()) {
      throw error(pointer, "expected a mapping with fields " + new java.util.TreeSet<>(known));
    }
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String field = it.next();
      if (!known.contains(field)) {
        throw new ScenarioException(
            positions.key(JsonPointers.child(pointer, field)),
            "unknown field '" + field + "'" + alternatives(field, known));
      }
    }
  }

  /** The likely typo's correction, or, when no known field is close, every field allowed here. */
  private static String alternatives(String field, Set<String> known) {
    String suggestion = Suggestions.didYouMean(field, known);
    return suggestion.isEmpty()
        ? " (fields here: " + String.join(", ", new java.util.TreeSet<>(known)) + ")"
        : suggestion;
  }

  private ScenarioException missing(String parentPointer, String field) {
    return new ScenarioException(positions.value(parentPointer), "missing field '" + field + "'");
  }

  private ScenarioException error(String pointer, String message) {
    return new ScenarioException(positions.value(pointer), message);
  }
}
