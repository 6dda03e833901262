package dev.minato.logs.mask;

/**
 * A pseudonym key that cannot be loaded: its variable is unset, its file unreadable, or it is too
 * short. The message names where the key was looked for, never the key.
 */
public final class KeyUnavailableException extends Exception {

  public KeyUnavailableException(String message) {
    super(message);
  }
}
