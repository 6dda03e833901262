package dev.minato.manifest.diff;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One field that differs between two trees. A side where the field does not exist holds a {@link
 * MissingNode}: the field was added ({@code before} missing) or removed ({@code after} missing).
 */
public record FieldChange(FieldPath path, JsonNode before, JsonNode after) {

  /** What happened to the field. */
  public enum Kind {
    ADDED("+"),
    REMOVED("-"),
    CHANGED("~");

    private final String marker;

    Kind(String marker) {
      this.marker = marker;
    }

    /** {@code +}, {@code -} or {@code ~}, as the lines of a diff start. */
    public String marker() {
      return marker;
    }
  }

  public FieldChange {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(before, "before (MissingNode when absent)");
    Objects.requireNonNull(after, "after (MissingNode when absent)");
    if (before.isMissingNode() && after.isMissingNode()) {
      throw new IllegalArgumentException("a change needs a value on at least one side: " + path);
    }
  }

  public Kind kind() {
    if (before.isMissingNode()) {
      return Kind.ADDED;
    }
    return after.isMissingNode() ? Kind.REMOVED : Kind.CHANGED;
  }

  /**
   * The change as lines: {@code ~ path: before → after}, {@code + path: value}, {@code - path:
   * value}. A multi-line text that changed (a configuration file in a ConfigMap) is shown as a line
   * diff under the path rather than as two quoted strings.
   */
  public List<String> lines() {
    String head = kind().marker() + " " + path + ":";
    switch (kind()) {
      case ADDED:
        return List.of(head + " " + ValueText.of(after));
      case REMOVED:
        return List.of(head + " " + ValueText.of(before));
      default:
        break;
    }
    if (before.isTextual()
        && after.isTextual()
        && (before.asText().contains("\n") || after.asText().contains("\n"))) {
      List<String> lines = new ArrayList<>();
      lines.add(head);
      TextDiff.hunks(before.asText(), after.asText()).forEach(line -> lines.add("    " + line));
      return lines;
    }
    return List.of(head + " " + ValueText.of(before) + " → " + ValueText.of(after));
  }

  @Override
  public String toString() {
    return String.join("\n", lines());
  }
}
