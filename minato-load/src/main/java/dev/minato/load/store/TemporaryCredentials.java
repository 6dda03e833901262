package dev.minato.load.store;

import java.time.Instant;
import java.util.Objects;

/** Credentials STS issued, and the instant they stop being accepted. */
public record TemporaryCredentials(Credentials credentials, Instant expiration) {

  public TemporaryCredentials {
    Objects.requireNonNull(credentials, "credentials");
    Objects.requireNonNull(expiration, "expiration");
  }
}
