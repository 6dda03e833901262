package dev.minato.load.store;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An access key for an S3-compatible store, read where every AWS tool reads it: {@code
 * AWS_ACCESS_KEY_ID}, {@code AWS_SECRET_ACCESS_KEY} and, for temporary credentials, {@code
 * AWS_SESSION_TOKEN} (in the cluster, set from a Secret). The secret never leaves this value except
 * into a signature: {@link #toString()} shows the key id only.
 */
public record Credentials(
    String accessKeyId, String secretAccessKey, Optional<String> sessionToken) {

  public static final String ACCESS_KEY_ID = "AWS_ACCESS_KEY_ID";
  public static final String SECRET_ACCESS_KEY = "AWS_SECRET_ACCESS_KEY";
  public static final String SESSION_TOKEN = "AWS_SESSION_TOKEN";

  public Credentials {
    Objects.requireNonNull(accessKeyId, "accessKeyId");
    Objects.requireNonNull(secretAccessKey, "secretAccessKey");
    Objects.requireNonNull(sessionToken, "sessionToken");
  }

  /**
   * The credentials in {@code environment}, or empty when either of the key id and the secret is
   * missing or blank.
   */
  public static Optional<Credentials> fromEnvironment(Map<String, String> environment) {
    String id = environment.getOrDefault(ACCESS_KEY_ID, "").strip();
    String secret = environment.getOrDefault(SECRET_ACCESS_KEY, "").strip();
    if (id.isEmpty() || secret.isEmpty()) {
      return Optional.empty();
    }
    String token = environment.getOrDefault(SESSION_TOKEN, "").strip();
    return Optional.of(
        new Credentials(id, secret, token.isEmpty() ? Optional.empty() : Optional.of(token)));
  }

  /** The key id only: a log line or an exception message must never carry the secret. */
  @Override
  public String toString() {
    return "Credentials[" + accessKeyId + (sessionToken.isPresent() ? ", temporary" : "") + "]";
  }
}
