package dev.minato.load.store;

import java.time.Clock;
import java.util.Map;
import java.util.Optional;

/**
 * Where the credentials of each request come from: a fixed key, or temporary credentials renewed
 * before they expire. Asked once per request, so a source that renews is never out of date.
 */
public interface CredentialSource {

  /** The credentials to sign a request with now. */
  Credentials current() throws StoreException;

  /** Always the same key. */
  static CredentialSource of(Credentials credentials) {
    return () -> credentials;
  }

  /**
   * The first source the environment configures, in the AWS SDKs' default chain order for what
   * minato reads: a key in {@code AWS_ACCESS_KEY_ID} and {@code AWS_SECRET_ACCESS_KEY} (with {@code
   * AWS_SESSION_TOKEN}), then web identity ({@code AWS_ROLE_ARN} and {@code
   * AWS_WEB_IDENTITY_TOKEN_FILE}, as EKS's IRSA sets them). Empty when neither is configured.
   *
   * @throws StoreException when web identity is configured with a malformed STS endpoint
   */
  static Optional<CredentialSource> fromEnvironment(Map<String, String> environment, Clock clock)
      throws StoreException {
    Optional<Credentials> key = Credentials.fromEnvironment(environment);
    if (key.isPresent()) {
      return Optional.of(of(key.get()));
    }
    Optional<WebIdentity> identity = WebIdentity.fromEnvironment(environment, clock);
    if (identity.isPresent()) {
      return Optional.of(new WebIdentityCredentials(identity.get(), clock));
    }
    return Optional.empty();
  }
}
