package dev.minato.render;

import dev.minato.edge.nodeport.NodePorts;
import dev.minato.edge.nodeport.Repository;
import dev.minato.edge.nodeport.RepositoryNodePorts;
import dev.minato.spec.App;
import dev.minato.spec.PlatformMonitoring;
import dev.minato.spec.read.SpecLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The bundled examples of the repository, which the tests pin and build. */
public final class Examples {

  private Examples() {}

  public static Path directory() {
    Path fromModule = Path.of("..", "examples");
    return Files.isDirectory(fromModule) ? fromModule : Path.of("examples");
  }

  /** The examples as generate renders them: NodePorts assigned from the examples' lock file. */
  public static List<App> load() throws Exception {
    List<Path> inputs = List.of(directory());
    List<App> apps = SpecLoader.load(inputs);
    RepositoryNodePorts.Result result =
        RepositoryNodePorts.of(Repository.of(inputs)).allocate(apps);
    if (result.lockChanged()) {
      throw new AssertionError(
          "examples/nodeports.lock is stale; run ./minato nodeports -f examples");
    }
    return NodePorts.resolve(apps, result.allocation().automatic());
  }

  /** How the examples' platform.yaml says they are monitored, as generate reads it. */
  public static PlatformMonitoring monitoring() throws Exception {
    return RepositoryNodePorts.of(Repository.of(List.of(directory()))).platform().monitoring();
  }

  /**
   * Specs that use the fields the examples do not (under {@code src/test/resources/fields}), so
   * every field has golden coverage and goes through kustomize and the typed model.
   */
  public static List<App> fieldFixtures() throws Exception {
    return SpecLoader.load(List.of(Path.of("src", "test", "resources", "fields")));
  }
}
