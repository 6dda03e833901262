package dev.minato.manifest.input;

/**
 * The environment kept an input from being read: {@code kubectl} is missing for {@code -k}, or it
 * did not finish. Not the input's fault, so commands report it as an environment error.
 */
public final class InputUnavailableException extends Exception {

  public InputUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
