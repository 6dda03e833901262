package dev.minato.render.collector;

import dev.minato.spec.App;
import dev.minato.spec.Logs;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * An app whose lines the collector parses and routes: one with {@code spec.logs}. The collector
 * runs once per cluster, for every environment, so it reads the base spec; an environment that
 * overrides {@code logs} still gets its own pod annotations, but the collector routes by the base.
 *
 * @param rules the app's own ruleset file, resolved against its spec's directory
 */
public record CollectedApp(String name, Logs logs, Optional<Path> rules) {

  /** The Fluent Bit tag of the app's records after routing: {@code minato.<app>.<stream>}. */
  String tag() {
    return "minato." + name + "." + logs.stream();
  }

  /** The apps with {@code spec.logs}, by name. */
  public static List<CollectedApp> of(List<App> apps) {
    return apps.stream()
        .filter(app -> app.spec().logs().isPresent())
        .map(
            app ->
                new CollectedApp(
                    app.name(),
                    app.spec().logs().get(),
                    app.spec()
                        .logs()
                        .get()
                        .rules()
                        .map(r -> specDirectory(app).resolve(r).normalize())))
        .sorted(Comparator.comparing(CollectedApp::name))
        .toList();
  }

  private static Path specDirectory(App app) {
    Path file = Path.of(app.source().source());
    Path parent = file.toAbsolutePath().getParent();
    return parent == null ? Path.of(".") : parent;
  }
}
