package dev.minato.render.collector;

import dev.minato.spec.App;
import dev.minato.spec.Environment;
import dev.minato.spec.Logs;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * An app whose lines the collector parses and routes: one with {@code spec.logs}. The collector
 * runs once per cluster, and a cluster runs one environment of each app, so with an environment
 * named its {@code logs} (base merged with that environment's override) is what counts; an app
 * without that environment has no pods there and is left out. With none named, every app must have
 * the same {@code logs} in all its environments, or the choice is refused: routing by the base
 * would silently ignore an environment's override.
 *
 * @param rules the app's own ruleset file, resolved against its spec's directory
 */
public record CollectedApp(String name, Logs logs, Optional<Path> rules) {

  /** Why the apps' {@code logs} cannot be chosen for one cluster; the message says what to do. */
  public static final class EnvironmentException extends Exception {
    EnvironmentException(String message) {
      super(message);
    }
  }

  /** The Fluent Bit tag of the app's records after routing: {@code minato.<app>.<stream>}. */
  String tag() {
    return "minato." + name + "." + logs.stream();
  }

  /** The apps with {@code spec.logs} in {@code environment} (or in all of theirs), by name. */
  public static List<CollectedApp> of(List<App> apps, Optional<String> environment)
      throws EnvironmentException {
    List<CollectedApp> collected = new ArrayList<>();
    if (environment.isPresent()) {
      String wanted = environment.get();
      TreeSet<String> known = new TreeSet<>();
      boolean anyHasIt = false;
      for (App app : apps) {
        for (Environment env : app.environments()) {
          known.add(env.name());
          if (env.name().equals(wanted)) {
            anyHasIt = true;
            env.spec().logs().ifPresent(logs -> collected.add(collected(app, logs)));
          }
        }
      }
      if (!anyHasIt) {
        throw new EnvironmentException(
            "no app has an environment '" + wanted + "'; the apps' environments are " + known);
      }
    } else {
      for (App app : apps) {
        List<String> overriding =
            app.environments().stream()
                .filter(env -> !env.spec().logs().equals(app.spec().logs()))
                .map(Environment::name)
                .toList();
        if (!overriding.isEmpty()) {
          throw new EnvironmentException(
              "app '"
                  + app.name()
                  + "' overrides spec.logs in environment "
                  + String.join(", ", overriding)
                  + ", and the collector serves one cluster: name the environment it runs, e.g."
                  + " --env "
                  + overriding.get(0));
        }
        app.spec().logs().ifPresent(logs -> collected.add(collected(app, logs)));
      }
    }
    collected.sort(Comparator.comparing(CollectedApp::name));
    return List.copyOf(collected);
  }

  private static CollectedApp collected(App app, Logs logs) {
    return new CollectedApp(
        app.name(), logs, logs.rules().map(r -> specDirectory(app).resolve(r).normalize()));
  }

  private static Path specDirectory(App app) {
    Path file = Path.of(app.source().source());
    Path parent = file.toAbsolutePath().getParent();
    return parent == null ? Path.of(".") : parent;
  }
}
