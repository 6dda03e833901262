package dev.minato.manifest;

import java.util.Map;
import java.util.Optional;

/**
 * Source positions of the nodes of one parsed document, keyed by JSON pointer ({@code
 * /spec/replicas/min}). Values and the keys that name them are kept apart: an unknown field is
 * reported at its key, a bad value at the value.
 */
public final class Positions {

  private static final Positions NONE = new Positions(Map.of(), Map.of(), null);

  private final Map<String, SourcePosition> values;
  private final Map<String, SourcePosition> keys;
  private final SourcePosition fallback;

  Positions(
      Map<String, SourcePosition> values,
      Map<String, SourcePosition> keys,
      SourcePosition fallback) {
    this.values = Map.copyOf(values);
    this.keys = Map.copyOf(keys);
    this.fallback = fallback;
  }

  /** Positions for a tree built in memory: every lookup answers with {@code fallback}. */
  public static Positions synthetic(SourcePosition fallback) {
    return new Positions(Map.of(), Map.of(), fallback);
  }

  public static Positions none() {
    return NONE;
  }

  /** The position of the value at {@code pointer}, if it was read from a source. */
  public Optional<SourcePosition> exactValue(String pointer) {
    return Optional.ofNullable(values.get(pointer));
  }

  /** The position of the value at {@code pointer}, or of its nearest ancestor that has one. */
  public SourcePosition value(String pointer) {
    String p = pointer;
    while (true) {
      SourcePosition found = values.get(p);
      if (found != null) {
        return found;
      }
      if (p.isEmpty()) {
        return fallback == null ? SourcePosition.ofSource("<unknown>") : fallback;
      }
      p = p.substring(0, p.lastIndexOf('/'));
    }
  }

  /** The position of the key that names the value at {@code pointer}; falls back to the value. */
  public SourcePosition key(String pointer) {
    SourcePosition found = keys.get(pointer);
    return found != null ? found : value(pointer);
  }
}
