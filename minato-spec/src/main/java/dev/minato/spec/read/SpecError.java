package dev.minato.spec.read;

import dev.minato.manifest.SourcePosition;

/**
 * One problem in a spec: where it is, which field, and what was expected (with a suggestion when
 * one exists). Shown as {@code file:line:column: field: message}.
 */
public record SpecError(SourcePosition position, String field, String message) {

  @Override
  public String toString() {
    return field.isEmpty() ? position + ": " + message : position + ": " + field + ": " + message;
  }
}
