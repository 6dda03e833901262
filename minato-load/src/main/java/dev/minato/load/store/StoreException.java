package dev.minato.load.store;

/**
 * An object store that is configured wrongly ({@code --report-store} and its flags) or missing its
 * credentials. The message names the flag or variable, what was given and what was expected; it
 * never holds a secret.
 */
public final class StoreException extends Exception {

  public StoreException(String message) {
    super(message);
  }
}
