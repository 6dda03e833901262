package dev.minato.release.registry;

import com.fasterxml.jackson.databind.JsonNode;
import dev.minato.manifest.Document;
import dev.minato.manifest.JsonPointers;
import dev.minato.manifest.ManifestException;
import dev.minato.manifest.Positions;
import dev.minato.manifest.SourcePosition;
import dev.minato.manifest.YamlReader;
import dev.minato.release.ReleaseException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Registry logins read from a Docker {@code config.json}, looked up as Docker looks them up: the
 * host's helper in {@code credHelpers}, else the {@code credsStore} helper, else {@code
 * auths.<host>.auth} (the base64 of {@code user:password} that {@code docker login} writes) or its
 * {@code identitytoken}. A helper ({@link CredentialHelper}) is run only when a registry asks for a
 * login, once per host.
 */
public final class Credentials {

  private static final Credentials NONE =
      new Credentials(Map.of(), Map.of(), Optional.empty(), Optional.empty());
  private static final String DOCKER_HUB_KEY = "https://index.docker.io/v1/";

  /** The login per registry host from {@code auths}, never printed. */
  private final Map<String, Login> loginByHost;

  /** {@code credHelpers}: the helper per registry host. */
  private final Map<String, CredentialHelper> helperByHost;

  /** {@code credsStore}: the helper of every other host. */
  private final Optional<CredentialHelper> store;

  /** The logins asked when this file has nothing for a host ({@link #or}). */
  private final Optional<Credentials> fallback;

  /** What the helpers answered, by host, so one release asks each at most once. */
  private final Map<String, Optional<Login>> asked = new ConcurrentHashMap<>();

  private Credentials(
      Map<String, Login> loginByHost,
      Map<String, CredentialHelper> helperByHost,
      Optional<CredentialHelper> store,
      Optional<Credentials> fallback) {
    this.loginByHost = loginByHost;
    this.helperByHost = helperByHost;
    this.store = store;
    this.fallback = fallback;
  }

  public static Credentials none() {
    return NONE;
  }

  /**
   * The logins of {@code file}, its helpers looked up on {@code PATH}; a missing file holds none.
   */
  public static Credentials read(Path file) throws ReleaseException {
    return read(file, CredentialHelper::onPath);
  }

  /** The logins of {@code file}, with {@code helpers} giving the helper of each name. */
  public static Credentials read(
      Path file, java.util.function.Function<String, CredentialHelper> helpers)
      throws ReleaseException {
    if (!Files.exists(file)) {
      return NONE;
    }
    // Read with positions, so that a mistake in it is reported at its line and column.
    JsonNode root;
    Positions positions;
    try {
      List<Document> documents = YamlReader.read(file);
      root = documents.isEmpty() ? null : documents.get(0).root();
      positions = documents.isEmpty() ? null : documents.get(0).positions();
    } catch (ManifestException e) {
      throw ReleaseException.invalid(
          e.position() + ": not a Docker config.json: " + e.getMessage());
    }
    Map<String, Login> logins = new TreeMap<>();
    JsonNode auths = root == null ? null : root.path("auths");
    if (auths != null && auths.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = auths.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> entry = it.next();
        // 'docker login' with an identity token stores it beside (or instead of) the auth.
        String identityToken = entry.getValue().path("identitytoken").asText("");
        if (!identityToken.isEmpty()) {
          logins.put(host(entry.getKey()), new Login.IdentityToken(identityToken));
          continue;
        }
        String auth = entry.getValue().path("auth").asText("");
        if (auth.isEmpty()) {
          continue;
        }
        try {
          String decoded = new String(Base64.getDecoder().decode(auth), StandardCharsets.UTF_8);
          if (!decoded.contains(":")) {
            throw new IllegalArgumentException("no colon");
          }
        } catch (IllegalArgumentException e) {
          String pointer = JsonPointers.child(JsonPointers.child("/auths", entry.getKey()), "auth");
          throw ReleaseException.invalid(
              positions.value(pointer)
                  + ": auths."
                  + entry.getKey()
                  + ".auth must be the base64 of user:password, as 'docker login' writes it");
        }
        logins.put(host(entry.getKey()), new Login.Basic(auth));
      }
    }
    Map<String, CredentialHelper> perHost = new TreeMap<>();
    JsonNode credHelpers = root == null ? null : root.path("credHelpers");
    if (credHelpers != null && credHelpers.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = credHelpers.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> entry = it.next();
        perHost.put(
            host(entry.getKey()),
            helper(
                positions.value(JsonPointers.child("/credHelpers", entry.getKey())),
                "credHelpers." + entry.getKey(),
                entry.getValue(),
                helpers));
      }
    }
    JsonNode credsStore = root == null ? null : root.get("credsStore");
    Optional<CredentialHelper> store =
        credsStore == null || credsStore.isNull() || credsStore.asText("").isEmpty()
            ? Optional.empty()
            : Optional.of(
                helper(positions.value("/credsStore"), "credsStore", credsStore, helpers));
    return new Credentials(Map.copyOf(logins), Map.copyOf(perHost), store, Optional.empty());
  }

  private static CredentialHelper helper(
      SourcePosition at,
      String field,
      JsonNode name,
      java.util.function.Function<String, CredentialHelper> helpers)
      throws ReleaseException {
    // The name becomes part of a program's file name: a path in it would run something else.
    if (!name.isTextual() || !name.asText().matches("[A-Za-z0-9][A-Za-z0-9._-]*")) {
      throw ReleaseException.invalid(
          at
              + ": "
              + field
              + " must name a credential helper (docker-credential-<name>), e.g. \"pass\"");
    }
    return helpers.apply(name.asText());
  }

  /** The host a config key names: keys may be URLs ({@code https://host/v1/}) or bare hosts. */
  private static String host(String key) {
    if (key.equals(DOCKER_HUB_KEY)) {
      return ImageName.DOCKER_HUB;
    }
    String host = key.replaceFirst("^[a-z]+://", "");
    int slash = host.indexOf('/');
    return slash < 0 ? host : host.substring(0, slash);
  }

  /**
   * The login for {@code registry}, when one exists: the helper this file names for it (its own, or
   * the store), its {@code auths} entry, or what the {@linkplain #or fallback} has.
   */
  Optional<Login> loginFor(String registry) throws ReleaseException {
    CredentialHelper helper = helperByHost.getOrDefault(registry, store.orElse(null));
    if (helper != null) {
      Optional<Login> answer = asked.get(registry);
      if (answer == null) {
        answer = helper.get(server(registry));
        asked.put(registry, answer);
      }
      if (answer.isPresent()) {
        return answer;
      }
    }
    if (loginByHost.containsKey(registry)) {
      return Optional.of(loginByHost.get(registry));
    }
    return fallback.isPresent() ? fallback.get().loginFor(registry) : Optional.empty();
  }

  /** The server name helpers keep a registry's login under, as {@code docker login} saves it. */
  private static String server(String registry) {
    return registry.equals(ImageName.DOCKER_HUB) ? DOCKER_HUB_KEY : registry;
  }

  /** These logins and helpers, then {@code other}'s for a host these have nothing for. */
  public Credentials or(Credentials other) {
    return new Credentials(
        loginByHost,
        helperByHost,
        store,
        Optional.of(fallback.map(f -> f.or(other)).orElse(other)));
  }

  @Override
  public String toString() {
    return "Credentials"
        + loginByHost.keySet()
        + " helpers "
        + helperByHost.keySet()
        + store.map(h -> " store " + h.name()).orElse("")
        + fallback.map(f -> " then " + f).orElse("");
  }
}
