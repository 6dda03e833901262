package dev.minato.load.engine;

/** A run that cannot start because of the environment (the target's host does not resolve). */
public final class LoadException extends Exception {

  public LoadException(String message) {
    super(message);
  }
}
