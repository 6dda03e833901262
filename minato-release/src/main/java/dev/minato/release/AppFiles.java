package dev.minato.release;

import dev.minato.edge.nodeport.NodePorts;
import dev.minato.edge.nodeport.Repository;
import dev.minato.edge.nodeport.RepositoryNodePorts;
import dev.minato.manifest.AtomicFile;
import dev.minato.render.layout.Layout;
import dev.minato.render.layout.OutputDirectory;
import dev.minato.spec.App;
import dev.minato.spec.PlatformMonitoring;
import dev.minato.spec.read.SpecException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * One app's generated manifests, rendered exactly as {@code minato generate} renders them
 * (NodePorts from the repository's lock, the layout the output directory already has) and read from
 * disk, so a release rewrites that app's directory and nothing else of the output.
 */
final class AppFiles {

  private final RepositoryNodePorts repository;
  private final Path output;

  AppFiles(Path specs, Path output) {
    this.repository = RepositoryNodePorts.of(Repository.of(List.of(specs)));
    this.output = output;
  }

  /** The layout the output directory uses for {@code app}: kustomize bases, or flat files. */
  Layout layout(String app) throws ReleaseException {
    Path dir = output.resolve(app);
    if (!Files.exists(output.resolve(OutputDirectory.MARKER)) || !Files.isDirectory(dir)) {
      throw ReleaseException.invalid(
          output
              + "/"
              + app
              + " holds no manifests written by minato generate; run 'minato generate' (with -o"
              + " if the output is elsewhere, and pass the same -o here) and commit it first");
    }
    return Files.exists(dir.resolve("base/kustomization.yaml")) ? Layout.KUSTOMIZE : Layout.FLAT;
  }

  /**
   * The NodePorts {@code auto} gets in {@code apps}, from the lock, as generate assigns them; a
   * lock that would change is refused, since the release would then change more than the app.
   */
  Map<String, Integer> nodePorts(List<App> apps) throws ReleaseException {
    RepositoryNodePorts.Result allocation;
    try {
      allocation = repository.allocate(apps);
    } catch (SpecException e) {
      throw ReleaseException.invalid("NodePort assignments fail:\n" + e.getMessage());
    }
    if (allocation.lockChanged()) {
      throw ReleaseException.invalid(
          repository.lockFile()
              + " is not what the specs assign; run 'minato generate' and commit it first");
    }
    return allocation.allocation().automatic();
  }

  /** Whether {@code app}'s base or one of its environments asks for {@code nodePort: auto}. */
  static boolean assignsNodePort(App app) {
    return app.spec().expose().autoNodePort()
        || app.environments().stream().anyMatch(e -> e.spec().expose().autoNodePort());
  }

  /** {@code app} with its assigned NodePorts in place of {@code auto}. */
  static App resolved(List<App> apps, String app, Map<String, Integer> nodePorts) {
    return NodePorts.resolve(apps, nodePorts).stream()
        .filter(a -> a.name().equals(app))
        .findFirst()
        .orElseThrow();
  }

  /** How {@code platform.yaml} says apps are monitored, which shapes what generate writes. */
  PlatformMonitoring monitoring() throws ReleaseException {
    try {
      return repository.platform().monitoring();
    } catch (SpecException e) {
      throw ReleaseException.invalid("platform.yaml is invalid:\n" + e.getMessage());
    }
  }

  /**
   * {@code app}'s files as generate writes them, by path relative to the output directory. Files of
   * the whole output (the platform's dashboard overview) are not rendered: they list apps, not
   * images, so a release never changes them.
   */
  static Map<String, String> render(App resolved, Layout layout, PlatformMonitoring monitoring)
      throws ReleaseException {
    try {
      Map<String, String> files = new TreeMap<>();
      layout
          .writeApp(resolved, monitoring)
          .files()
          .forEach(
              (path, text) -> {
                if (path.startsWith(resolved.name() + "/")) {
                  files.put(path, text);
                }
              });
      return files;
    } catch (SpecException e) {
      throw ReleaseException.invalid(
          "the spec of " + resolved.name() + " does not render:\n" + e.getMessage());
    }
  }

  /** What is on disk under {@code <output>/<app>/}, by path relative to the output directory. */
  Map<String, String> onDisk(String app) throws ReleaseException {
    Map<String, String> files = new TreeMap<>();
    Path dir = output.resolve(app);
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path file : walk.filter(Files::isRegularFile).toList()) {
        files.put(
            output.relativize(file).toString().replace('\\', '/'),
            Files.readString(file, StandardCharsets.UTF_8));
      }
    } catch (IOException e) {
      throw ReleaseException.environment("cannot read " + dir + ": " + e.getMessage(), e);
    }
    return files;
  }

  /** Writes {@code next} over {@code current}: changed and new files, and deletes what is gone. */
  void write(Map<String, String> current, Map<String, String> next) throws IOException {
    for (Map.Entry<String, String> file : next.entrySet()) {
      if (!file.getValue().equals(current.get(file.getKey()))) {
        Path target = output.resolve(file.getKey());
        Files.createDirectories(target.getParent());
        AtomicFile.write(target, file.getValue());
      }
    }
    for (String gone : current.keySet()) {
      if (!next.containsKey(gone)) {
        Files.delete(output.resolve(gone));
      }
    }
  }

  Path output() {
    return output;
  }
}
