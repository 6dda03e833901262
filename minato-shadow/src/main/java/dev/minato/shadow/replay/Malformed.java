package dev.minato.shadow.replay;

/**
 * A log line (or HAR entry) that could not be read as a request: counted and shown, never fatal.
 *
 * @param line the 1-based line or entry number
 * @param message what was wrong, for a person
 */
public record Malformed(long line, String message) {

  @Override
  public String toString() {
    return "line " + line + ": " + message;
  }
}
