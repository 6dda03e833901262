package dev.minato.load.store;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An S3-compatible bucket to write objects into: one signed {@code PUT} per object (S3's PutObject,
 * which MinIO, Ceph RGW and GCS's XML API serve alike), over the JDK's HTTP client. A failure is
 * returned as a sentence (the store's error code and message, or why it could not be reached),
 * never thrown and never carrying the credentials.
 */
public final class ObjectStore {

  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);
  private static final Duration RETRY_PAUSE = Duration.ofMillis(500);
  private static final Pattern CODE = Pattern.compile("<Code>([^<]{1,100})</Code>");
  private static final Pattern MESSAGE = Pattern.compile("<Message>([^<]{1,300})</Message>");

  private final S3Location location;
  private final CredentialSource credentials;
  private final Clock clock;
  private final HttpClient client;

  public ObjectStore(S3Location location, Credentials credentials, Clock clock) {
    this(location, CredentialSource.of(credentials), clock);
  }

  /** A store whose requests are signed with {@code credentials}' current key, asked per request. */
  public ObjectStore(S3Location location, CredentialSource credentials, Clock clock) {
    this.location = location;
    this.credentials = credentials;
    this.clock = clock;
    this.client = httpClient();
  }

  /**
   * The client of the store's and STS's requests. HTTP/1.1: S3 and STS offer nothing else, and the
   * JDK's h2c upgrade attempt would only cost time.
   */
  static HttpClient httpClient() {
    return HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(CONNECT_TIMEOUT)
        .build();
  }

  public S3Location location() {
    return location;
  }

  /**
   * Writes {@code body} as the object {@code key} (the full key, prefix included). Returns why it
   * failed, or empty once the store answered 2xx.
   */
  public Optional<String> put(String key, byte[] body, String contentType) {
    Optional<Failure> failure = attempt(key, body, contentType);
    if (failure.isPresent() && failure.get().retryable()) {
      // One more try after a pause: a store restarting or shedding load (503 SlowDown) usually
      // answers the second time; anything else would answer the same.
      try {
        Thread.sleep(RETRY_PAUSE.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return failure.map(Failure::why);
      }
      failure = attempt(key, body, contentType);
    }
    return failure.map(Failure::why);
  }

  /** Why one PUT failed, and whether the same PUT may succeed a moment later. */
  private record Failure(boolean retryable, String why) {}

  private Optional<Failure> attempt(String key, byte[] body, String contentType) {
    URI uri = location.objectUri(key);
    String object = location.s3Url(key);
    Credentials current;
    try {
      current = credentials.current();
    } catch (StoreException e) {
      // Not retried here: STS failing now fails the same half a second later; the next report
      // asks again.
      return Optional.of(
          new Failure(false, "no credentials to PUT " + object + ": " + e.getMessage()));
    }
    String payloadHash = SigV4.sha256Hex(body);
    List<Map.Entry<String, String>> headers =
        List.of(
            Map.entry("Content-Type", contentType), Map.entry("x-amz-content-sha256", payloadHash));
    Map<String, String> signature =
        SigV4.sign(
            new SigV4.Request(
                "PUT", location.host(), uri.getRawPath(), List.of(), headers, payloadHash),
            current,
            location.region(),
            "s3",
            clock.instant());
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri)
            .timeout(REQUEST_TIMEOUT)
            .PUT(HttpRequest.BodyPublishers.ofByteArray(body));
    headers.forEach(h -> request.header(h.getKey(), h.getValue()));
    signature.forEach(request::header);
    try {
      HttpResponse<String> response =
          client.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      if (response.statusCode() / 100 == 2) {
        return Optional.empty();
      }
      return Optional.of(
          new Failure(
              response.statusCode() / 100 == 5,
              "the store answered "
                  + response.statusCode()
                  + error(response.body())
                  + " to PUT "
                  + object));
    } catch (IOException e) {
      return Optional.of(
          new Failure(
              true,
              "cannot reach "
                  + location.endpoint()
                  + " to PUT "
                  + object
                  + ": "
                  + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage())));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.of(new Failure(false, "interrupted while writing " + object));
    }
  }

  /** {@code " (AccessDenied: Access Denied)"} from S3's XML error body, or nothing. */
  private static String error(String body) {
    Matcher code = CODE.matcher(body);
    if (!code.find()) {
      return "";
    }
    Matcher message = MESSAGE.matcher(body);
    return " (" + code.group(1) + (message.find() ? ": " + message.group(1) : "") + ")";
  }
}
