package dev.minato.load.scenario;

import dev.minato.manifest.SourcePosition;

/** A scenario that cannot be run as written; carries where the problem is. */
public final class ScenarioException extends Exception {

  private final SourcePosition position;

  public ScenarioException(SourcePosition position, String message) {
    super(message);
    this.position = position;
  }

  public SourcePosition position() {
    return position;
  }

  /** {@code file:line:column: message}, the form editors and CI annotate. */
  public String located() {
    return position + ": " + getMessage();
  }
}
