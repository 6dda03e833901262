package dev.minato.manifest.input;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A path as a repository knows it: relative to the nearest directory above it that holds {@code
 * .git} (found the way git finds it), else absolute; always normalised and with {@code /}. Two
 * checkouts of one repository, or two working directories, give the same text.
 */
public final class RepositoryPath {

  private RepositoryPath() {}

  public static String of(Path path) {
    Path absolute = path.toAbsolutePath().normalize();
    return root(absolute)
        .map(
            dir -> {
              String text = dir.relativize(absolute).toString().replace('\\', '/');
              return text.isEmpty() ? "." : text;
            })
        .orElse(absolute.toString().replace('\\', '/'));
  }

  /**
   * The repository holding {@code path}: the nearest directory at or above it that holds {@code
   * .git} (a directory, or the file of a worktree or submodule), the way git finds it.
   */
  public static Optional<Path> root(Path path) {
    return nearest(path, List.of(".git"));
  }

  /**
   * The nearest directory at or above {@code path} holding any of {@code markers}, searched the way
   * git searches for {@code .git}.
   */
  public static Optional<Path> nearest(Path path, List<String> markers) {
    for (Path dir = path.toAbsolutePath().normalize(); dir != null; dir = dir.getParent()) {
      for (String marker : markers) {
        if (Files.exists(dir.resolve(marker))) {
          return Optional.of(dir);
        }
      }
    }
    return Optional.empty();
  }
}
