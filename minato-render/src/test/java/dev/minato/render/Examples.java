package dev.minato.render;

import dev.minato.spec.App;
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

  public static List<App> load() throws Exception {
    return SpecLoader.load(List.of(directory()));
  }
}
