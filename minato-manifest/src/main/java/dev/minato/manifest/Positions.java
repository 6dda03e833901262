package dev.minato.manifest;

import java.util.Optional;

/**
 * Source positions of the nodes of one parsed document, looked up by JSON pointer ({@code
 * /spec/replicas/min}). Values and the keys that name them are kept apart: an unknown field is
 * reported at its key, a bad value at the value.
 */
public final class Positions {

  private static final Positions NONE = new Positions(null, null, null);

  private final String source;
  private final PositionTree root;
  private final SourcePosition fallback;

  Positions(String source, PositionTree root, SourcePosition fallback) {
    this.source = source;
    this.root = root;
    this.fallback = fallback;
  }

  /** Positions for a tree built in memory: every lookup answers with {@code fallback}. */
  public static Positions synthetic(SourcePosition fallback) {
    return new Positions(null, null, fallback);
  }

  public static Positions none() {
    return NONE;
  }

  /** The position of the value at {@code pointer}, if it was read from a source. */
  public Optional<SourcePosition> exactValue(String pointer) {
    Found found = find(pointer);
    return found == null || !found.exact()
        ? Optional.empty()
        : Optional.of(position(found.value()));
  }

  /** The position of the value at {@code pointer}, or of its nearest ancestor that has one. */
  public SourcePosition value(String pointer) {
    Found found = find(pointer);
    if (found == null) {
      return fallback == null ? SourcePosition.ofSource("<unknown>") : fallback;
    }
    return position(found.value());
  }

  /** The position of the key that names the value at {@code pointer}; falls back to the value. */
  public SourcePosition key(String pointer) {
    Found found = find(pointer);
    return found == null || !found.exact() ? value(pointer) : position(found.key());
  }

  private SourcePosition position(long packed) {
    return new SourcePosition(source, PositionTree.line(packed), PositionTree.column(packed));
  }

  /** Where a node was found: its key and value, and whether it is the node asked for. */
  private record Found(long key, long value, boolean exact) {}

  /** The node at {@code pointer}, or its deepest ancestor that exists (not exact); null if none. */
  private Found find(String pointer) {
    if (root == null) {
      return null;
    }
    PositionTree node = root;
    long key = root.value();
    long value = root.value();
    int start = 1;
    while (start <= pointer.length()) {
      int end = pointer.indexOf('/', start);
      if (end < 0) {
        end = pointer.length();
      }
      String token = pointer.substring(start, end).replace("~1", "/").replace("~0", "~");
      int index = node == null ? -1 : node.indexOf(token);
      if (index < 0) {
        return new Found(key, value, false);
      }
      key = node.keyAt(index);
      value = node.valueAt(index);
      node = node.subtreeAt(index);
      start = end + 1;
    }
    return new Found(key, value, true);
  }
}
