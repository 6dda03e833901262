package dev.minato.load.store;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Temporary credentials for a {@link WebIdentity}: STS's {@code AssumeRoleWithWebIdentity}, posted
 * form-encoded and unsigned (the token is the proof), cached, and exchanged again five minutes
 * before they expire. The token file is read on every exchange: the kubelet rotates it, and an old
 * token is refused once it expires. The token is never put in a message.
 *
 * <p>When a renewal fails while the cached credentials are still valid, those are used (as the SDKs
 * do) and the next request tries again; once they have expired, the failure is thrown.
 */
public final class WebIdentityCredentials implements CredentialSource {

  /** How long before {@code Expiration} the credentials are renewed. */
  public static final Duration REFRESH_AHEAD = Duration.ofMinutes(5);

  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

  private final WebIdentity identity;
  private final Clock clock;
  private final HttpClient client;
  private TemporaryCredentials cached;

  public WebIdentityCredentials(WebIdentity identity, Clock clock) {
    this.identity = identity;
    this.clock = clock;
    this.client = ObjectStore.httpClient();
  }

  public WebIdentity identity() {
    return identity;
  }

  @Override
  public synchronized Credentials current() throws StoreException {
    Instant now = clock.instant();
    if (cached != null && now.isBefore(cached.expiration().minus(REFRESH_AHEAD))) {
      return cached.credentials();
    }
    try {
      cached = exchange();
    } catch (StoreException e) {
      if (cached == null || !now.isBefore(cached.expiration())) {
        throw e;
      }
    }
    return cached.credentials();
  }

  /** One {@code AssumeRoleWithWebIdentity} with the token file as it is now. */
  TemporaryCredentials exchange() throws StoreException {
    String token = token();
    Map<String, String> form = new LinkedHashMap<>();
    form.put("Action", "AssumeRoleWithWebIdentity");
    form.put("Version", "2011-06-15");
    form.put("RoleArn", identity.roleArn());
    form.put("RoleSessionName", identity.sessionName());
    form.put("WebIdentityToken", token);
    String body =
        form.entrySet().stream()
            .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
            .collect(Collectors.joining("&"));
    URI sts = identity.sts();
    URI uri = sts.getRawPath() == null || sts.getRawPath().isEmpty() ? sts.resolve("/") : sts;
    HttpRequest request =
        HttpRequest.newBuilder(uri)
            .timeout(REQUEST_TIMEOUT)
            .header("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
            .header("Accept", "application/xml")
            .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
            .build();
    HttpResponse<String> response;
    try {
      response = client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw failure(
          "cannot reach STS at "
              + identity.sts()
              + ": "
              + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw failure("interrupted while asking STS at " + identity.sts());
    }
    if (response.statusCode() / 100 != 2) {
      throw failure(
          "STS at "
              + identity.sts()
              + " answered "
              + response.statusCode()
              + StsAnswer.error(response.body()).replace(token, "[token]"));
    }
    try {
      return StsAnswer.credentials(response.body());
    } catch (IllegalArgumentException e) {
      throw failure(
          "STS at " + identity.sts() + " answered without credentials (" + e.getMessage() + ")");
    }
  }

  private String token() throws StoreException {
    String token;
    try {
      token = Files.readString(identity.tokenFile(), StandardCharsets.UTF_8).strip();
    } catch (NoSuchFileException e) {
      throw failure(
          "the token file "
              + identity.tokenFile()
              + " ("
              + WebIdentity.TOKEN_FILE
              + ") is missing");
    } catch (IOException e) {
      throw failure(
          "cannot read the token file "
              + identity.tokenFile()
              + " ("
              + WebIdentity.TOKEN_FILE
              + "): "
              + e.getClass().getSimpleName());
    }
    if (token.isEmpty()) {
      throw failure(
          "the token file " + identity.tokenFile() + " (" + WebIdentity.TOKEN_FILE + ") is empty");
    }
    return token;
  }

  private StoreException failure(String why) {
    return new StoreException(
        StoreException.Reason.ENVIRONMENT,
        "cannot assume role " + identity.roleArn() + " with a web identity: " + why);
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
