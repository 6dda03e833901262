package dev.minato.manifest.input;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Which files of a directory are manifests. */
final class ManifestFiles {

  private ManifestFiles() {}

  /**
   * Every {@code *.yaml}, {@code *.yml}, {@code *.json} and kustomization file below {@code dir},
   * sorted, skipping hidden files and folders ({@code .git}, {@code .github}: CI workflows are
   * YAML, not objects).
   */
  static List<Path> below(Path dir) throws IOException {
    try (Stream<Path> walk = Files.walk(dir)) {
      return walk.filter(Files::isRegularFile)
          .filter(file -> !hidden(dir, file))
          .filter(file -> isManifest(file) || isKustomization(file))
          .sorted()
          .toList();
    }
  }

  static boolean isManifest(Path file) {
    String name = file.getFileName().toString();
    return name.endsWith(".yaml") || name.endsWith(".yml") || name.endsWith(".json");
  }

  static boolean isKustomization(Path file) {
    String name = file.getFileName().toString();
    return name.equals("kustomization.yaml")
        || name.equals("kustomization.yml")
        || name.equals("Kustomization");
  }

  private static boolean hidden(Path root, Path file) {
    for (Path part : root.relativize(file)) {
      if (part.toString().startsWith(".")) {
        return true;
      }
    }
    return false;
  }
}
