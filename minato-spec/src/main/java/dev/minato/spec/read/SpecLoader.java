package dev.minato.spec.read;

import dev.minato.manifest.SourcePosition;
import dev.minato.spec.App;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
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
