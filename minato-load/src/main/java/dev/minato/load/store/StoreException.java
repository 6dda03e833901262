package dev.minato.load.store;

import java.util.Objects;

/**
 * An object store that is configured wrongly ({@code --report-store} and its flags), or whose
 * credentials cannot be had. The message names the flag, variable or role, what was given and what
 * was expected; it never holds a secret or a token.
 */
public final class StoreException extends Exception {

  /** Whose fault: the flags and variables given (exit 2), or the world they point at (exit 3). */
  public enum Reason {
    /** A flag or variable is malformed or missing. */
    INVALID_INPUT,
    /** A token file cannot be read, or STS refused or could not be reached. */
    ENVIRONMENT
  }

  private final Reason reason;

  public StoreException(String message) {
    this(Reason.INVALID_INPUT, message);
  }

  public StoreException(Reason reason, String message) {
    super(message);
    this.reason = Objects.requireNonNull(reason, "reason");
  }

  public Reason reason() {
    return reason;
  }
}
