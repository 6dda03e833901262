package dev.minato.manifest;

/**
 * A value written in Kubernetes' vocabulary (a quantity, a duration, a label selector, a NodePort
 * range, a migration policy) that does not follow its syntax. The message names the text, what is
 * wrong with it and what was expected, so a reader can show it as is after the field or flag.
 */
public final class InvalidValueException extends Exception {

  public InvalidValueException(String message) {
    super(message);
  }
}
