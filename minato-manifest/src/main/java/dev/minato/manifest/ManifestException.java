package dev.minato.manifest;

/** Input that cannot be read as YAML or JSON; carries the position of the problem. */
public final class ManifestException extends Exception {

  private final SourcePosition position;

  public ManifestException(SourcePosition position, String message) {
    super(message);
    this.position = position;
  }

  public SourcePosition position() {
    return position;
  }

  /** The message as a user should see it: {@code file:line:column: message}. */
  public String located() {
    return position + ": " + getMessage();
  }
}
