package dev.minato.render.collector;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One section of Fluent Bit's classic configuration format ({@code [INPUT]}, {@code [FILTER]},
 * ...): keys in the order written, a key may repeat (a {@code modify} filter's {@code Add}). Every
 * value comes from a validated spec or platform field, so none holds a line break; a value that
 * does is a programming error.
 */
record FluentBitSection(String kind, List<Map.Entry<String, String>> entries) {

  FluentBitSection {
    entries = List.copyOf(entries);
  }

  static Builder of(String kind) {
    return new Builder(kind);
  }

  /** The section as Fluent Bit reads it: the header, then one indented key and value a line. */
  String text() {
    int width = entries.stream().mapToInt(e -> e.getKey().length()).max().orElse(0);
    StringBuilder text = new StringBuilder("[").append(kind).append("]\n");
    for (Map.Entry<String, String> entry : entries) {
      text.append("    ")
          .append(entry.getKey())
          .append(" ".repeat(width - entry.getKey().length() + 1))
          .append(entry.getValue())
          .append('\n');
    }
    return text.toString();
  }

  static final class Builder {
    private final String kind;
    private final List<Map.Entry<String, String>> entries = new ArrayList<>();

    private Builder(String kind) {
      this.kind = kind;
    }

    Builder put(String key, String value) {
      if (value.isEmpty() || value.contains("\n") || value.contains("\r")) {
        throw new IllegalArgumentException(key + " must be one non-empty line: '" + value + "'");
      }
      entries.add(Map.entry(key, value));
      return this;
    }

    FluentBitSection build() {
      return new FluentBitSection(kind, entries);
    }
  }
}
