package dev.minato.check;

import dev.minato.manifest.SourcePosition;

/** Input that could not be checked (unparseable YAML, say), reported beside the findings. */
public record InputError(SourcePosition position, String message) {

  /** {@code file:line:column: message}. */
  public String located() {
    return position + ": " + message;
  }
}
