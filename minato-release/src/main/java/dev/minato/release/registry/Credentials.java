package dev.minato.release.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.minato.release.ReleaseException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Registry logins read from a Docker {@code config.json} ({@code auths.<host>.auth}, the base64 of
 * {@code user:password} that {@code docker login} writes). Credential helpers ({@code credsStore})
 * are programs, and minato runs none; a host found only there is reached anonymously.
 */
public final class Credentials {

  private static final Credentials NONE = new Credentials(Map.of());
  private static final String DOCKER_HUB_KEY = "https://index.docker.io/v1/";

  /** The base64 {@code user:password} per registry host, never printed. */
  private final Map<String, String> basicByHost;

  private Credentials(Map<String, String> basicByHost) {
    this.basicByHost = basicByHost;
  }

  public static Credentials none() {
    return NONE;
  }

  /** The logins of {@code file}; a missing file holds none. */
  public static Credentials read(Path file) throws ReleaseException {
    if (!Files.exists(file)) {
      return NONE;
    }
    JsonNode root;
    try {
      root = new ObjectMapper().readTree(Files.readString(file, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw ReleaseException.invalid(
          file
              + ": not a Docker config.json ("
              + e.getMessage().lines().findFirst().orElse("")
              + ")");
    }
    Map<String, String> logins = new TreeMap<>();
    JsonNode auths = root == null ? null : root.path("auths");
    if (auths != null && auths.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = auths.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> entry = it.next();
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
          throw ReleaseException.invalid(
              file
                  + ": auths."
                  + entry.getKey()
                  + ".auth must be the base64 of user:password, as 'docker login' writes it");
        }
        logins.put(host(entry.getKey()), auth);
      }
    }
    return new Credentials(Map.copyOf(logins));
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

  /** The {@code Authorization: Basic} value for {@code registry}, when a login exists for it. */
  Optional<String> basicFor(String registry) {
    return Optional.ofNullable(basicByHost.get(registry)).map(auth -> "Basic " + auth);
  }

  /** These logins, then {@code other}'s for hosts these lack. */
  public Credentials or(Credentials other) {
    Map<String, String> merged = new TreeMap<>(other.basicByHost);
    merged.putAll(basicByHost);
    return new Credentials(Map.copyOf(merged));
  }

  @Override
  public String toString() {
    return "Credentials" + basicByHost.keySet();
  }
}
