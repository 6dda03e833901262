package dev.minato.release.registry;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A small OCI distribution server on 127.0.0.1 for tests: images pushed with labels (a manifest and
 * a config blob, or an index of two platforms), answered as a registry answers {@code docker pull}:
 * {@code HEAD}/{@code GET} of manifests by tag or digest with {@code Docker-Content-Digest}, blobs,
 * the error document on 404, and optionally the bearer-token flow (a 401 challenge, a token realm
 * that may demand a login) or a fixed failure status for every request.
 */
public final class TestRegistry implements AutoCloseable {

  public static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
  public static final String OCI_INDEX = "application/vnd.oci.image.index.v1+json";
  private static final Pattern MANIFEST = Pattern.compile("^/v2/(.+)/manifests/([^/]+)$");
  private static final Pattern BLOB = Pattern.compile("^/v2/(.+)/blobs/([^/]+)$");
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpServer server;
  private final Map<String, byte[]> blobs = new ConcurrentHashMap<>();
  private final Map<String, String> mediaTypes = new ConcurrentHashMap<>();
  private final Map<String, String> tags = new ConcurrentHashMap<>();
  private final List<String> requests = new CopyOnWriteArrayList<>();
  private volatile boolean tokens;
  private volatile Optional<String> login = Optional.empty();
  private volatile Optional<String> refreshToken = Optional.empty();
  private volatile int failWith;
  private final String token = "t-" + System.nanoTime();

  private TestRegistry(HttpServer server) {
    this.server = server;
  }

  public static TestRegistry start() {
    try {
      HttpServer server =
          HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      TestRegistry registry = new TestRegistry(server);
      server.createContext("/", registry::handle);
      server.start();
      return registry;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code 127.0.0.1:PORT}, the registry part of image references. */
  public String host() {
    return "127.0.0.1:" + server.getAddress().getPort();
  }

  /** Requests need a bearer token from this registry's {@code /token} realm. */
  public TestRegistry requireToken() {
    this.tokens = true;
    return this;
  }

  /** The token realm hands out tokens only to this basic login. */
  public TestRegistry requireLogin(String user, String password) {
    this.tokens = true;
    this.login =
        Optional.of(
            Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
    return this;
  }

  /**
   * The token realm hands out tokens only for this identity (refresh) token, exchanged as OAuth2
   * asks: a form {@code POST} with {@code grant_type=refresh_token}, a client id, the service and
   * the scope. Its {@code GET} refuses everyone, as a service holding no password for the account.
   */
  public TestRegistry requireIdentityToken(String refreshToken) {
    this.tokens = true;
    this.refreshToken = Optional.of(refreshToken);
    return this;
  }

  /** Every {@code /v2/} request is answered with {@code status} (0: normal service). */
  public void failWith(int status) {
    this.failWith = status;
  }

  /** Every request line seen, as {@code METHOD path}. */
  public List<String> requests() {
    return List.copyOf(requests);
  }

  /** Pushes a single-platform image; returns its manifest digest. */
  public String push(String repository, String tag, Map<String, String> labels) {
    String digest = manifest(labels, "amd64");
    tags.put(repository + ":" + tag, digest);
    return digest;
  }

  /** Pushes an index of an arm64 image (first) and an amd64 one; labels differ by platform. */
  public String pushIndex(
      String repository, String tag, Map<String, String> arm64Labels, Map<String, String> amd64) {
    ObjectNode index = JSON.createObjectNode().put("schemaVersion", 2).put("mediaType", OCI_INDEX);
    ArrayNode manifests = index.putArray("manifests");
    for (String arch : List.of("arm64", "amd64")) {
      String child = manifest(arch.equals("arm64") ? arm64Labels : amd64, arch);
      ObjectNode entry = manifests.addObject();
      entry
          .put("mediaType", OCI_MANIFEST)
          .put("digest", child)
          .put("size", blobs.get(child).length);
      entry.putObject("platform").put("os", "linux").put("architecture", arch);
    }
    String digest = store(index, OCI_INDEX);
    tags.put(repository + ":" + tag, digest);
    return digest;
  }

  private String manifest(Map<String, String> labels, String arch) {
    ObjectNode config = JSON.createObjectNode().put("architecture", arch).put("os", "linux");
    ObjectNode labelNode = config.putObject("config").putObject("Labels");
    labels.forEach(labelNode::put);
    String configDigest = store(config, "application/vnd.oci.image.config.v1+json");
    ObjectNode manifest =
        JSON.createObjectNode().put("schemaVersion", 2).put("mediaType", OCI_MANIFEST);
    manifest
        .putObject("config")
        .put("mediaType", "application/vnd.oci.image.config.v1+json")
        .put("digest", configDigest)
        .put("size", blobs.get(configDigest).length);
    manifest.putArray("layers");
    return store(manifest, OCI_MANIFEST);
  }

  private String store(ObjectNode node, String mediaType) {
    try {
      byte[] bytes = JSON.writeValueAsBytes(node);
      String digest =
          "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
      blobs.put(digest, bytes);
      mediaTypes.put(digest, mediaType);
      return digest;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String method = exchange.getRequestMethod();
      String path = exchange.getRequestURI().getPath();
      requests.add(method + " " + exchange.getRequestURI());
      if (path.equals("/token")) {
        token(exchange);
        return;
      }
      if (failWith != 0) {
        error(exchange, failWith, "UNKNOWN", "the test registry fails on purpose");
        return;
      }
      Matcher manifest = MANIFEST.matcher(path);
      Matcher blob = BLOB.matcher(path);
      String repository =
          manifest.matches() ? manifest.group(1) : blob.matches() ? blob.group(1) : "";
      if (tokens
          && !("Bearer " + token).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
        exchange
            .getResponseHeaders()
            .add(
                "WWW-Authenticate",
                "Bearer realm=\"http://"
                    + host()
                    + "/token\",service=\"test-registry\",scope=\"repository:"
                    + repository
                    + ":pull\"");
        error(exchange, 401, "UNAUTHORIZED", "authentication required");
        return;
      }
      if (manifest.matches()) {
        String reference = manifest.group(2);
        String digest =
            reference.startsWith("sha256:") ? reference : tags.get(repository + ":" + reference);
        if (digest == null || !blobs.containsKey(digest)) {
          error(exchange, 404, "MANIFEST_UNKNOWN", "manifest unknown");
          return;
        }
        exchange.getResponseHeaders().add("Docker-Content-Digest", digest);
        exchange.getResponseHeaders().add("Content-Type", mediaTypes.get(digest));
        send(exchange, 200, blobs.get(digest), method.equals("HEAD"));
      } else if (blob.matches() && blobs.containsKey(blob.group(2))) {
        send(exchange, 200, blobs.get(blob.group(2)), method.equals("HEAD"));
      } else {
        error(exchange, 404, "BLOB_UNKNOWN", "blob unknown to registry");
      }
    }
  }

  private void token(HttpExchange exchange) throws IOException {
    if (exchange.getRequestMethod().equals("POST")) {
      oauth(exchange);
      return;
    }
    if (refreshToken.isPresent()) {
      error(exchange, 401, "UNAUTHORIZED", "this account logs in with an identity token");
      return;
    }
    String query = String.valueOf(exchange.getRequestURI().getQuery());
    if (!query.contains("service=test-registry") || !query.contains("scope=repository")) {
      error(exchange, 400, "DENIED", "token request without service and scope: " + query);
      return;
    }
    if (login.isPresent()
        && !("Basic " + login.get())
            .equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
      error(exchange, 401, "UNAUTHORIZED", "incorrect username or password");
      return;
    }
    send(exchange, 200, ("{\"token\":\"" + token + "\"}").getBytes(StandardCharsets.UTF_8), false);
  }

  /** The OAuth2 refresh-token grant, as docker/distribution's token server answers it. */
  private void oauth(HttpExchange exchange) throws IOException {
    Map<String, String> form = new java.util.HashMap<>();
    String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    for (String pair : body.split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0) {
        form.put(
            java.net.URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
            java.net.URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
      }
    }
    boolean valid =
        refreshToken.isPresent()
            && "refresh_token".equals(form.get("grant_type"))
            && refreshToken.get().equals(form.get("refresh_token"))
            && !form.getOrDefault("client_id", "").isEmpty()
            && "test-registry".equals(form.get("service"))
            && form.getOrDefault("scope", "").startsWith("repository:")
            && String.valueOf(exchange.getRequestHeaders().getFirst("Content-Type"))
                .startsWith("application/x-www-form-urlencoded");
    if (!valid) {
      error(exchange, 401, "UNAUTHORIZED", "invalid refresh token");
      return;
    }
    send(
        exchange,
        200,
        ("{\"access_token\":\"" + token + "\",\"expires_in\":300}")
            .getBytes(StandardCharsets.UTF_8),
        false);
  }

  private static void error(HttpExchange exchange, int status, String code, String message)
      throws IOException {
    byte[] body =
        ("{\"errors\":[{\"code\":\"" + code + "\",\"message\":\"" + message + "\"}]}")
            .getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    send(exchange, status, body, exchange.getRequestMethod().equals("HEAD"));
  }

  private static void send(HttpExchange exchange, int status, byte[] body, boolean head)
      throws IOException {
    if (head) {
      exchange.getResponseHeaders().add("Content-Length", String.valueOf(body.length));
      exchange.sendResponseHeaders(status, -1);
    } else {
      exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
      exchange.getResponseBody().write(body);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
