package dev.minato.spec.read;

import dev.minato.manifest.SourcePosition;
import dev.minato.spec.App;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Loads every app from the files and directories a command was given. Errors of all files are
 * gathered, so one run shows everything to fix; apps come back sorted by name.
 */
public final class SpecLoader {

  private SpecLoader() {}

  private record Result(List<App> apps, List<SpecError> errors) {}

  private static Result readOne(Path file) {
    try {
      return new Result(SpecReader.read(file), List.of());
    } catch (SpecException e) {
      return new Result(List.of(), e.errors());
    }
  }

  /** The apps of all inputs, or every error found in any of them. */
  public static List<App> load(List<Path> inputs) throws SpecException {
    List<SpecError> errors = new ArrayList<>();
    return combine(files(inputs, errors), errors);
  }

  /**
   * The apps of those files among the inputs that can define an app named {@code name}, or every
   * error found in those files; the list holds no such app when none defines it. A YAML file can
   * give an app that name only by holding it as text or through a double-quoted escape ({@code
   * "\x61pp"}), so a file with neither is skipped without being parsed: a command about one app
   * (release) need not parse every spec of a large repository. A name that a scalar of another type
   * could also produce ({@code 0x10} reads as 16, {@code yes} may read as true) is looked up in
   * every file, as {@link #load} does.
   */
  public static List<App> loadNamed(List<Path> inputs, String name) throws SpecException {
    List<SpecError> errors = new ArrayList<>();
    LinkedHashSet<Path> files = files(inputs, errors);
    if (!onlyText(name)) {
      return combine(files, errors);
    }
    byte[] wanted = name.getBytes(StandardCharsets.US_ASCII);
    LinkedHashSet<Path> candidates = new LinkedHashSet<>();
    for (Path file : files) {
      try {
        if (mayName(Files.readAllBytes(file), wanted)) {
          candidates.add(file);
        }
      } catch (IOException e) {
        // Read again by the parser, which reports the failure at the file as load does.
        candidates.add(file);
      }
    }
    return combine(candidates, errors);
  }

  /**
   * Whether {@code name} can come only from a string scalar: an app name (a DNS label) that is not
   * all digits, {@code true}, {@code false} or {@code null}, the texts a number, a boolean or a
   * null scalar reads as.
   */
  private static boolean onlyText(String name) {
    return name.matches("[a-z0-9]([a-z0-9-]*[a-z0-9])?")
        && !name.matches("[0-9]+")
        && !Set.of("true", "false", "null").contains(name);
  }

  /** Whether {@code bytes} hold {@code name}, or a backslash (an escape could spell it). */
  private static boolean mayName(byte[] bytes, byte[] name) {
    outer:
    for (int i = 0; i < bytes.length; i++) {
      if (bytes[i] == '\\') {
        return true;
      }
      if (i + name.length > bytes.length) {
        continue;
      }
      for (int j = 0; j < name.length; j++) {
        if (bytes[i + j] != name[j]) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }

  /** The files {@code inputs} name or hold; what cannot be found goes to {@code errors}. */
  private static LinkedHashSet<Path> files(List<Path> inputs, List<SpecError> errors) {
    LinkedHashSet<Path> files = new LinkedHashSet<>();
    for (Path input : inputs) {
      if (Files.isDirectory(input)) {
        try {
          List<Path> found = SpecFiles.find(input);
          if (found.isEmpty()) {
            errors.add(
                new SpecError(
                    SourcePosition.ofSource(input.toString()),
                    "",
                    "no minato.yaml (or *.minato.yaml) found in this directory"));
          }
          files.addAll(found);
        } catch (IOException e) {
          errors.add(
              new SpecError(
                  SourcePosition.ofSource(input.toString()),
                  "",
                  "cannot read directory: " + e.getMessage()));
        }
      } else if (Files.exists(input)) {
        files.add(input);
      } else {
        errors.add(
            new SpecError(
                SourcePosition.ofSource(input.toString()), "", "no such file or directory"));
      }
    }
    return files;
  }

  private static List<App> combine(LinkedHashSet<Path> files, List<SpecError> errors)
      throws SpecException {
    // Files are independent: read them in parallel, then combine in path order (deterministic).
    List<Result> results = files.parallelStream().map(SpecLoader::readOne).toList();
    List<App> apps = new ArrayList<>();
    for (Result result : results) {
      apps.addAll(result.apps());
      errors.addAll(result.errors());
    }
    Map<String, App> byName = new TreeMap<>();
    for (App app : apps) {
      App previous = byName.putIfAbsent(app.name(), app);
      if (previous != null) {
        errors.add(
            new SpecError(
                app.source(),
                "metadata.name",
                "app '"
                    + app.name()
                    + "' is also defined at "
                    + previous.source()
                    + "; app names must be unique"));
      }
    }
    if (!errors.isEmpty()) {
      throw new SpecException(errors);
    }
    List<App> sorted = new ArrayList<>(byName.values());
    sorted.sort(Comparator.comparing(App::name));
    return List.copyOf(sorted);
  }
}
