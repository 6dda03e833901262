package dev.minato.render.layout;

import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The files a generation produces, by path relative to the output directory ({@code /} as the
 * separator), sorted so that writing and listing them is deterministic.
 */
public final class GeneratedFiles {

  private final SortedMap<String, String> files = new TreeMap<>();

  void add(String path, String content) {
    if (files.putIfAbsent(path, content) != null) {
      throw new IllegalStateException("two generated files share the path " + path);
    }
  }

  void addAll(GeneratedFiles other) {
    other.files.forEach(this::add);
  }

  public Map<String, String> files() {
    return Collections.unmodifiableSortedMap(files);
  }
}
