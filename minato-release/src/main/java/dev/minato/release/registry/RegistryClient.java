package dev.minato.release.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.minato.release.ReleaseException;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A client of the OCI distribution API, enough to prove an image exists and read what it says about
 * itself: the manifest's digest (a {@code HEAD}), and the config blob's labels (through an image
 * index, the {@code linux/amd64} image or the first). It authenticates as {@code docker pull} does:
 * anonymously first, then with the bearer token a {@code WWW-Authenticate: Bearer} challenge points
 * at (asked for with the login when there is one), or with basic credentials. A login that is an
 * identity token is exchanged as Docker exchanges it (docker/distribution's token handler): an
 * OAuth2 {@code POST} to the realm with {@code grant_type=refresh_token}.
 */
public final class RegistryClient {

  /** Every manifest kind a registry may hold for a tag: OCI and Docker v2, single or multi-arch. */
  static final String ACCEPT =
      String.join(
          ", ",
          "application/vnd.oci.image.index.v1+json",
          "application/vnd.oci.image.manifest.v1+json",
          "application/vnd.docker.distribution.manifest.list.v2+json",
          "application/vnd.docker.distribution.manifest.v2+json");

  private static final Pattern CHALLENGE_PARAM = Pattern.compile("(\\w+)=\"([^\"]*)\"");
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The OAuth2 client id sent with an identity token; token services require one. */
  static final String CLIENT_ID = "minato";

  private final HttpClient http;
  private final Credentials credentials;
  private final Set<String> plainHttpHosts;
  private final Map<String, String> authorizationByScope = new HashMap<>();

  /**
   * @param plainHttpHosts registries reached over plain HTTP ({@code 127.0.0.1:5000}, say): a test
   *     or in-cluster registry without TLS, named one by one so a typo cannot downgrade a real one
   */
  public RegistryClient(Credentials credentials, Set<String> plainHttpHosts) {
    this.credentials = credentials;
    this.plainHttpHosts = Set.copyOf(plainHttpHosts);
    this.http =
        HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NORMAL)
            .build();
  }

  /** The digest of the manifest {@code image} names; exit-1 kind when the registry has none. */
  public String digest(ImageName image) throws ReleaseException {
    HttpResponse<byte[]> head = send(image, "HEAD", manifestPath(image, image.manifestReference()));
    if (head.statusCode() != 200) {
      // HEAD answers carry no body; ask again with GET for the registry's own words.
      HttpResponse<byte[]> get = send(image, "GET", manifestPath(image, image.manifestReference()));
      throw failure(image, get);
    }
    Optional<String> header = head.headers().firstValue("Docker-Content-Digest");
    if (header.isPresent()) {
      return header.get();
    }
    HttpResponse<byte[]> get = send(image, "GET", manifestPath(image, image.manifestReference()));
    if (get.statusCode() != 200) {
      throw failure(image, get);
    }
    return sha256(get.body());
  }

  /** The digest and the revision and source labels of {@code image}. */
  public ImageFacts inspect(ImageName image) throws ReleaseException {
    String digest = digest(image);
    JsonNode manifest = json(image, manifestPath(image, digest));
    if (manifest.has("manifests")) {
      JsonNode chosen = manifest.path("manifests").path(0);
      for (JsonNode entry : manifest.path("manifests")) {
        JsonNode platform = entry.path("platform");
        if (platform.path("os").asText().equals("linux")
            && platform.path("architecture").asText().equals("amd64")) {
          chosen = entry;
          break;
        }
      }
      String child = chosen.path("digest").asText("");
      if (child.isEmpty()) {
        throw new ReleaseException(
            ReleaseException.Kind.ENVIRONMENT,
            "image " + image + ": the registry's image index lists no manifest");
      }
      manifest = json(image, manifestPath(image, child));
    }
    String config = manifest.path("config").path("digest").asText("");
    if (config.isEmpty()) {
      return new ImageFacts(image, digest, Optional.empty(), Optional.empty());
    }
    JsonNode labels = json(image, "/v2/" + image.repository() + "/blobs/" + config).path("config");
    labels = labels.path("Labels");
    return new ImageFacts(
        image,
        digest,
        text(labels, ImageFacts.REVISION_LABEL),
        text(labels, ImageFacts.SOURCE_LABEL));
  }

  private static Optional<String> text(JsonNode labels, String key) {
    JsonNode value = labels.path(key);
    return value.isTextual() && !value.asText().isBlank()
        ? Optional.of(value.asText())
        : Optional.empty();
  }

  private JsonNode json(ImageName image, String path) throws ReleaseException {
    HttpResponse<byte[]> response = send(image, "GET", path);
    if (response.statusCode() != 200) {
      throw failure(image, response);
    }
    try {
      return JSON.readTree(response.body());
    } catch (IOException e) {
      throw new ReleaseException(
          ReleaseException.Kind.ENVIRONMENT,
          "image " + image + ": the registry answered " + path + " with something not JSON");
    }
  }

  private static String manifestPath(ImageName image, String reference) {
    return "/v2/" + image.repository() + "/manifests/" + reference;
  }

  /** One request, authenticated the way the registry's challenge asks, retried once after it. */
  private HttpResponse<byte[]> send(ImageName image, String method, String path)
      throws ReleaseException {
    String scope = "repository:" + image.repository() + ":pull";
    String key = image.registry() + " " + scope;
    HttpResponse<byte[]> response = exchange(image, method, path, authorizationByScope.get(key));
    if (response.statusCode() != 401 || authorizationByScope.containsKey(key)) {
      return response;
    }
    String challenge = response.headers().firstValue("WWW-Authenticate").orElse("");
    Optional<String> authorization;
    if (challenge.regionMatches(true, 0, "Bearer", 0, 6)) {
      authorization = Optional.of("Bearer " + token(image, challenge, scope));
    } else {
      authorization = basic(image);
    }
    if (authorization.isEmpty()) {
      return response;
    }
    authorizationByScope.put(key, authorization.get());
    return exchange(image, method, path, authorization.get());
  }

  /** The token the challenge's realm hands out for {@code scope}, with the login if one exists. */
  private String token(ImageName image, String challenge, String scope) throws ReleaseException {
    Map<String, String> params = new HashMap<>();
    Matcher m = CHALLENGE_PARAM.matcher(challenge);
    while (m.find()) {
      params.put(m.group(1).toLowerCase(java.util.Locale.ROOT), m.group(2));
    }
    String realm = params.get("realm");
    if (realm == null || realm.isEmpty()) {
      throw new ReleaseException(
          ReleaseException.Kind.ENVIRONMENT,
          "registry " + image.registry() + " asked for a bearer token but named no realm");
    }
    StringBuilder query = new StringBuilder();
    if (params.containsKey("service")) {
      query.append("service=").append(encode(params.get("service")));
    }
    query
        .append(query.length() > 0 ? "&" : "")
        .append("scope=")
        .append(encode(params.getOrDefault("scope", scope)));
    Optional<Login> login = credentials.loginFor(image.registry());
    URI uri;
    HttpRequest.Builder request;
    if (login.isPresent() && login.get() instanceof Login.IdentityToken identity) {
      // The refresh token goes in the body, never in a URL a proxy or a log could keep.
      uri = URI.create(realm);
      String form =
          query
              + "&grant_type=refresh_token&client_id="
              + CLIENT_ID
              + "&refresh_token="
              + encode(identity.refreshToken());
      request =
          HttpRequest.newBuilder(uri)
              .POST(HttpRequest.BodyPublishers.ofString(form))
              .header("Content-Type", "application/x-www-form-urlencoded");
    } else {
      uri = URI.create(realm + (realm.contains("?") ? "&" : "?") + query);
      request = HttpRequest.newBuilder(uri).GET();
      login.ifPresent(l -> request.header("Authorization", ((Login.Basic) l).header()));
    }
    HttpResponse<byte[]> response = call(image, request.timeout(Duration.ofSeconds(30)).build());
    if (response.statusCode() != 200) {
      throw new ReleaseException(
          response.statusCode() >= 500
              ? ReleaseException.Kind.ENVIRONMENT
              : ReleaseException.Kind.IMAGE_MISSING,
          "image "
              + image
              + ": the token service "
              + uri.getHost()
              + " refused a pull token ("
              + response.statusCode()
              + answer(response)
              + "); log in with 'docker login' or pass --registry-auth");
    }
    try {
      JsonNode body = JSON.readTree(response.body());
      String token = body.path("token").asText(body.path("access_token").asText(""));
      if (token.isEmpty()) {
        throw new IOException("no token");
      }
      return token;
    } catch (IOException e) {
      throw new ReleaseException(
          ReleaseException.Kind.ENVIRONMENT,
          "image " + image + ": the token service " + uri.getHost() + " answered without a token");
    }
  }

  /**
   * The basic login for a registry that asks for one. An identity token cannot answer a basic
   * challenge (Docker uses it only with a token service), so that is said rather than sent.
   */
  private Optional<String> basic(ImageName image) throws ReleaseException {
    Optional<Login> login = credentials.loginFor(image.registry());
    if (login.isPresent() && login.get() instanceof Login.IdentityToken) {
      throw ReleaseException.environment(
          "registry "
              + image.registry()
              + " asks for a user and password (basic authentication), but the login found for"
              + " it is an identity token, which only a token service accepts; pass a login with"
              + " --registry-auth",
          null);
    }
    return login.map(l -> ((Login.Basic) l).header());
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  private HttpResponse<byte[]> exchange(
      ImageName image, String method, String path, String authorization) throws ReleaseException {
    String scheme = plainHttpHosts.contains(image.registry()) ? "http" : "https";
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(scheme + "://" + image.apiHost() + path))
            .method(method, HttpRequest.BodyPublishers.noBody())
            .header("Accept", ACCEPT)
            .timeout(Duration.ofSeconds(30));
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    return call(image, request.build());
  }

  private HttpResponse<byte[]> call(ImageName image, HttpRequest request) throws ReleaseException {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw ReleaseException.environment(
          "cannot reach registry "
              + image.registry()
              + " ("
              + request.uri().getScheme()
              + "://"
              + request.uri().getAuthority()
              + "): "
              + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()),
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw ReleaseException.environment("interrupted while asking " + image.registry(), e);
    }
  }

  /** The registry's refusal as the user should read it, by who can act on it. */
  private static ReleaseException failure(ImageName image, HttpResponse<byte[]> response) {
    int status = response.statusCode();
    String words = "registry " + image.registry() + " answered " + status + answer(response);
    if (status == 404) {
      return new ReleaseException(
          ReleaseException.Kind.IMAGE_MISSING, "image " + image + " not found: " + words);
    }
    if (status == 401 || status == 403) {
      return new ReleaseException(
          ReleaseException.Kind.IMAGE_MISSING,
          "image "
              + image
              + " cannot be pulled: "
              + words
              + " (does the repository exist? log in with 'docker login' or pass --registry-auth)");
    }
    return new ReleaseException(ReleaseException.Kind.ENVIRONMENT, "image " + image + ": " + words);
  }

  /** The first error of the registry's JSON answer ({@code MANIFEST_UNKNOWN: manifest unknown}). */
  private static String answer(HttpResponse<byte[]> response) {
    try {
      JsonNode error = JSON.readTree(response.body()).path("errors").path(0);
      if (error.has("code")) {
        return ": " + error.path("code").asText() + ": " + error.path("message").asText("");
      }
    } catch (IOException | RuntimeException e) {
      // Not the API's error document: the status alone says it.
    }
    return "";
  }

  private static String sha256(byte[] body) {
    try {
      return "sha256:"
          + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
