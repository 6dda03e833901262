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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Two columns of docs/architecture.md's modules table, for each module by its short name ({@code
 * check} for {@code minato-check} and package {@code dev.minato.check}).
 *
 * <p>"May depend on": the other modules it may use. The column lists modules first,
 * comma-separated, then third-party libraries; a note in parentheses ends the list, and "every
 * module" means all of them.
 *
 * <p>"Packages": its packages in backticks; one that starts with a dot is relative to the module's
 * root package ({@code .syntax} in minato-load is {@code dev.minato.load.syntax}), and {@code
 * <name>} stands for any one package name ({@code dev.minato.cli.<command>}).
 */
record ModuleTable(Map<String, Set<String>> allowed, Map<String, Set<String>> packages) {

  private static final Pattern CODE = Pattern.compile("`([^`]+)`");

  static final List<String> MODULES =
      List.of(
          "manifest",
          "spec",
          "render",
          "check",
          "edge",
          "load",
          "logs",
          "logback",
          "shadow",
          "secrets",
          "release",
          "cluster",
          "cli");

  static ModuleTable read(Path architectureDoc) throws IOException {
    return parse(Files.readAllLines(architectureDoc));
  }

  static ModuleTable parse(List<String> markdown) {
    Map<String, Set<String>> allowed = new LinkedHashMap<>();
    Map<String, Set<String>> packages = new LinkedHashMap<>();
    int column = -1;
    int packageColumn = -1;
    for (String line : markdown) {
      if (!line.startsWith("|")) {
        column = -1;
        continue;
      }
      // A pipe escaped as \| inside a cell (as in `-f FILE\|DIR`) does not end the cell.
      List<String> cells =
          Arrays.stream(line.split("(?<!\\\\)\\|", -1)).map(String::strip).toList();
      if (cells.contains("May depend on")) {
        column = cells.indexOf("May depend on");
        packageColumn = cells.indexOf("Packages");
        continue;
      }
      if (column < 0 || cells.size() <= column || !cells.get(1).startsWith("`minato-")) {
        continue;
      }
      String module = cells.get(1).replace("`", "").substring("minato-".length());
      // A second row for a module would silently replace the first, and the rules a reader sees
      // in the first row would not be the ones enforced.
      if (allowed.containsKey(module)) {
        throw new IllegalArgumentException(
            "module minato-" + module + " has two rows in the table");
      }
      allowed.put(module, modulesIn(cells.get(column), module));
      packages.put(module, packagesIn(packageColumn < 0 ? "" : cells.get(packageColumn), module));
    }
    if (allowed.isEmpty()) {
      throw new IllegalArgumentException("no modules table with a 'May depend on' column");
    }
    return new ModuleTable(Map.copyOf(allowed), Map.copyOf(packages));
  }

  private static Set<String> packagesIn(String cell, String module) {
    Set<String> names = new TreeSet<>();
    Matcher code = CODE.matcher(cell);
    while (code.find()) {
      String name = code.group(1);
      if (name.startsWith(".")) {
        names.add("dev.minato." + module + name);
      } else if (name.startsWith("dev.minato.")) {
        names.add(name);
      }
    }
    return names;
  }

  /** Whether the table names {@code packageName} in {@code module}'s Packages column. */
  boolean documents(String module, String packageName) {
    for (String documented : packages.getOrDefault(module, Set.of())) {
      String[] want = documented.split("\\.");
      String[] have = packageName.split("\\.");
      boolean same = want.length == have.length;
      for (int i = 0; same && i < want.length; i++) {
        same = want[i].equals(have[i]) || want[i].startsWith("<");
      }
      if (same) {
        return true;
      }
    }
    return false;
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
