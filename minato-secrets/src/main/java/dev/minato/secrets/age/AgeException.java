package dev.minato.secrets.age;

/** An age file or key that cannot be read or opened: malformed, tampered with, or no key fits. */
public final class AgeException extends Exception {

  public AgeException(String message) {
    super(message);
  }
}
