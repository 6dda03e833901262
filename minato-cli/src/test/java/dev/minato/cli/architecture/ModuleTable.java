package dev.minato.cli.architecture;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The "May depend on" column of docs/architecture.md's modules table: for each module (by its short
 * name, {@code check} for {@code minato-check} and package {@code dev.minato.check}), the other
 * modules it may use. The column lists modules first, comma-separated, then third-party libraries;
 * a note in parentheses ends the list, and "every module" means all of them.
 */
record ModuleTable(Map<String, Set<String>> allowed) {

  static final List<String> MODULES =
      List.of("manifest", "spec", "render", "check", "edge", "load", "cluster", "cli");

  static ModuleTable read(Path architectureDoc) throws IOException {
    return parse(Files.readAllLines(architectureDoc));
  }

  static ModuleTable parse(List<String> markdown) {
    Map<String, Set<String>> allowed = new LinkedHashMap<>();
    int column = -1;
    for (String line : markdown) {
      if (!line.startsWith("|")) {
        column = -1;
        continue;
      }
      List<String> cells = Arrays.stream(line.split("\\|", -1)).map(String::strip).toList();
      if (cells.contains("May depend on")) {
        column = cells.indexOf("May depend on");
        continue;
      }
      if (column < 0 || cells.size() <= column || !cells.get(1).startsWith("`minato-")) {
        continue;
      }
      String module = cells.get(1).replace("`", "").substring("minato-".length());
      allowed.put(module, modulesIn(cells.get(column), module));
    }
    if (allowed.isEmpty()) {
      throw new IllegalArgumentException("no modules table with a 'May depend on' column");
    }
    return new ModuleTable(Map.copyOf(allowed));
  }

  private static Set<String> modulesIn(String cell, String module) {
    Set<String> modules = new TreeSet<>();
    if (cell.toLowerCase(Locale.ROOT).startsWith("every module")) {
      modules.addAll(MODULES);
      modules.remove(module);
      return modules;
    }
    int note = cell.indexOf('(');
    String list = note < 0 ? cell : cell.substring(0, note);
    for (String entry : list.split(",")) {
      String name = entry.strip().toLowerCase(Locale.ROOT);
      if (MODULES.contains(name)) {
        modules.add(name);
      }
    }
    return modules;
  }

  /** The modules {@code module} may use; a module missing from the table may use none. */
  Set<String> allowedFor(String module) {
    return allowed.getOrDefault(module, Set.of());
  }
}
