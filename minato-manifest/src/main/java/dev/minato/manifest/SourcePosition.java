package dev.minato.manifest;

import java.util.Objects;

/**
 * Where a piece of input came from: a file (or another named source such as {@code <stdin>}) and a
 * 1-based line and column. Rendered as {@code file:line:column}, the form editors and CI annotate.
 */
public record SourcePosition(String source, int line, int column) {

  public SourcePosition {
    Objects.requireNonNull(source, "source");
  }

  /** A position for a whole source when no line is known (a missing file, say). */
  public static SourcePosition ofSource(String source) {
    return new SourcePosition(source, 0, 0);
  }

  public boolean hasLine() {
    return line > 0;
  }

  @Override
  public String toString() {
    if (!hasLine()) {
      return source;
    }
    return source + ":" + line + ":" + column;
  }
}
