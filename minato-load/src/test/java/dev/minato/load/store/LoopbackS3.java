package dev.minato.load.store;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A path-style S3 bucket server on 127.0.0.1 for tests, as MinIO serves one: {@code PUT
 * /BUCKET/KEY} stores an object when its {@code AWS4-HMAC-SHA256} signature is right, and answers
 * S3's XML errors otherwise; {@code GET /BUCKET/KEY} reads it anonymously (a public-read bucket),
 * so a test can fetch what a status points at.
 *
 * <p>The signature is checked the way the server sees the request, independently of {@link SigV4}:
 * from the raw path and query received, the headers the client listed as signed as they arrived,
 * and the body's own hash, which must equal {@code x-amz-content-sha256}.
 */
public final class LoopbackS3 implements AutoCloseable {

  /** An object as stored. */
  public record StoredObject(byte[] body, String contentType) {
    public String text() {
      return new String(body, StandardCharsets.UTF_8);
    }
  }

  private static final Pattern AUTHORIZATION =
      Pattern.compile(
          "AWS4-HMAC-SHA256 Credential=([^/]+)/(\\d{8})/([^/]+)/s3/aws4_request,"
              + " SignedHeaders=([a-z0-9;-]+), Signature=([0-9a-f]{64})");
  private static final DateTimeFormatter AMZ_DATE =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'");

  private final HttpServer server;
  private final String bucket;
  private final String accessKeyId;
  private final String secret;
  private final String region;
  private final Map<String, StoredObject> objects = new ConcurrentHashMap<>();
  private final List<String> refusals = new CopyOnWriteArrayList<>();
  private final List<String> requestHeads = new CopyOnWriteArrayList<>();
  private final AtomicInteger overloaded = new AtomicInteger();
  private volatile String sessionToken;

  private LoopbackS3(String bucket, String accessKeyId, String secret, String region)
      throws IOException {
    this.bucket = bucket;
    this.accessKeyId = accessKeyId;
    this.secret = secret;
    this.region = region;
    this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 32);
    server.createContext("/", this::handle);
    server.start();
  }

  /** Serves {@code bucket} to the holder of this key, signing for {@code region}. */
  public static LoopbackS3 start(String bucket, String accessKeyId, String secret, String region)
      throws IOException {
    return new LoopbackS3(bucket, accessKeyId, secret, region);
  }

  /** {@code http://127.0.0.1:PORT}. */
  public String endpoint() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  public Optional<StoredObject> object(String key) {
    return Optional.ofNullable(objects.get(key));
  }

  public Map<String, StoredObject> objects() {
    return Map.copyOf(objects);
  }

  /** Answers the next {@code count} PUTs 503 SlowDown, as S3 does when shedding load. */
  public void shedNextPuts(int count) {
    overloaded.set(count);
  }

  /**
   * Accepts only requests carrying this session token, signed, as S3 does for temporary credentials
   * (else it answers InvalidToken); {@code null} accepts requests without one.
   */
  public void requireSessionToken(String token) {
    sessionToken = token;
  }

  /** Why requests were refused, in order. */
  public List<String> refusals() {
    return List.copyOf(refusals);
  }

  /** Every request's headers as received, one text per request (to look for leaked secrets). */
  public List<String> requestHeads() {
    return List.copyOf(requestHeads);
  }

  @Override
  public void close() {
    server.stop(0);
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      byte[] body = exchange.getRequestBody().readAllBytes();
      StringBuilder head =
          new StringBuilder(exchange.getRequestMethod() + " " + exchange.getRequestURI());
      exchange
          .getRequestHeaders()
          .forEach((name, values) -> head.append('\n').append(name).append('=').append(values));
      requestHeads.add(head.toString());
      String rawPath = exchange.getRequestURI().getRawPath();
      String prefix = "/" + bucket + "/";
      if (!rawPath.startsWith(prefix)) {
        answer(exchange, 404, error("NoSuchBucket", "The specified bucket does not exist"));
        return;
      }
      String key =
          java.net.URLDecoder.decode(
              rawPath.substring(prefix.length()).replace("+", "%2B"), StandardCharsets.UTF_8);
      switch (exchange.getRequestMethod()) {
        case "GET" -> {
          StoredObject object = objects.get(key);
          if (object == null) {
            answer(exchange, 404, error("NoSuchKey", "The specified key does not exist."));
          } else {
            exchange.getResponseHeaders().add("Content-Type", object.contentType());
            exchange.sendResponseHeaders(200, object.body().length);
            exchange.getResponseBody().write(object.body());
          }
        }
        case "PUT" -> {
          if (overloaded.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            answer(exchange, 503, error("SlowDown", "Please reduce your request rate."));
            return;
          }
          Optional<String> refusal = refusal(exchange, body);
          if (refusal.isPresent()) {
            refusals.add(refusal.get());
            answer(exchange, 403, error("SignatureDoesNotMatch", refusal.get()));
            return;
          }
          objects.put(
              key,
              new StoredObject(
                  body,
                  Optional.ofNullable(exchange.getRequestHeaders().getFirst("Content-Type"))
                      .orElse("binary/octet-stream")));
          exchange
              .getResponseHeaders()
              .add("ETag", "\"" + hex(digest(body)).substring(0, 32) + "\"");
          exchange.sendResponseHeaders(200, -1);
        }
        default -> answer(exchange, 405, error("MethodNotAllowed", "not served here"));
      }
    }
  }

  /** Why the request's signature is not right, or empty when it is. */
  private Optional<String> refusal(HttpExchange exchange, byte[] body) {
    Headers headers = exchange.getRequestHeaders();
    String authorization = headers.getFirst("Authorization");
    if (authorization == null) {
      return Optional.of("no Authorization header");
    }
    Matcher auth = AUTHORIZATION.matcher(authorization);
    if (!auth.matches()) {
      return Optional.of(
          "malformed Authorization: " + authorization.replaceAll("Signature=.*", ""));
    }
    if (!auth.group(1).equals(accessKeyId)) {
      return Optional.of("unknown access key " + auth.group(1));
    }
    if (!auth.group(3).equals(region)) {
      return Optional.of("signed for region " + auth.group(3) + ", not " + region);
    }
    String amzDate = headers.getFirst("X-Amz-Date");
    if (amzDate == null || !amzDate.startsWith(auth.group(2))) {
      return Optional.of("X-Amz-Date missing or not of the credential's day");
    }
    Instant signedAt = LocalDateTime.parse(amzDate, AMZ_DATE).toInstant(ZoneOffset.UTC);
    if (Duration.between(signedAt, Instant.now()).abs().toMinutes() > 15) {
      return Optional.of("RequestTimeTooSkewed");
    }
    String declared = headers.getFirst("X-Amz-Content-Sha256");
    String actual = hex(digest(body));
    if (!actual.equals(declared)) {
      return Optional.of("x-amz-content-sha256 " + declared + " is not the body's hash " + actual);
    }
    List<String> signed = List.of(auth.group(4).split(";"));
    for (String required : List.of("host", "x-amz-date", "x-amz-content-sha256")) {
      if (!signed.contains(required)) {
        return Optional.of(required + " is not signed");
      }
    }
    String token = sessionToken;
    if (token != null) {
      String sent = headers.getFirst("X-Amz-Security-Token");
      if (!token.equals(sent)) {
        return Optional.of(
            sent == null ? "no X-Amz-Security-Token" : "X-Amz-Security-Token is not the session's");
      }
      if (!signed.contains("x-amz-security-token")) {
        return Optional.of("x-amz-security-token is not signed");
      }
    }
    StringBuilder canonical = new StringBuilder();
    canonical.append(exchange.getRequestMethod()).append('\n');
    canonical.append(exchange.getRequestURI().getRawPath()).append('\n');
    String query = exchange.getRequestURI().getRawQuery();
    canonical.append(query == null ? "" : query).append('\n');
    for (String name : signed) {
      List<String> values = headers.get(name);
      if (values == null) {
        return Optional.of("signed header " + name + " was not sent");
      }
      List<String> trimmed = new ArrayList<>();
      values.forEach(v -> trimmed.add(v.trim().replaceAll("\\s+", " ")));
      canonical.append(name).append(':').append(String.join(",", trimmed)).append('\n');
    }
    canonical.append('\n').append(auth.group(4)).append('\n').append(declared);
    String scope = auth.group(2) + "/" + region + "/s3/aws4_request";
    String stringToSign =
        "AWS4-HMAC-SHA256\n"
            + amzDate
            + "\n"
            + scope
            + "\n"
            + hex(digest(canonical.toString().getBytes(StandardCharsets.UTF_8)));
    byte[] key = ("AWS4" + secret).getBytes(StandardCharsets.UTF_8);
    for (String step : scope.split("/")) {
      key = mac(key, step);
    }
    String expected = hex(mac(key, stringToSign));
    return expected.equals(auth.group(5))
        ? Optional.empty()
        : Optional.of("SignatureDoesNotMatch for the canonical request:\n" + canonical);
  }

  private static String error(String code, String message) {
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>"
        + code
        + "</Code><Message>"
        + message.lines().findFirst().orElse("")
        + "</Message></Error>";
  }

  private static void answer(HttpExchange exchange, int status, String xml) throws IOException {
    byte[] bytes = xml.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/xml");
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
  }

  private static byte[] digest(byte[] bytes) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(bytes);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }

  private static byte[] mac(byte[] key, String text) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
    } catch (java.security.GeneralSecurityException e) {
      throw new AssertionError(e);
    }
  }

  private static String hex(byte[] bytes) {
    return HexFormat.of().formatHex(bytes);
  }
}
