package dev.minato.manifest.input;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A path as a repository knows it: relative to the nearest directory above it that holds {@code
 * .git} (found the way git finds it), else absolute; always normalised and with {@code /}. Two
 * checkouts of one repository, or two working directories, give the same text.
 */
public final class RepositoryPath {

  private RepositoryPath() {}

  public static String of(Path path) {
    Path absolute = path.toAbsolutePath().normalize();
    for (Path dir = absolute; dir != null; dir = dir.getParent()) {
      if (Files.exists(dir.resolve(".git"))) {
        Path relative = dir.relativize(absolute);
        String text = relative.toString().replace('\\', '/');
        return text.isEmpty() ? "." : text;
      }
    }
    return absolute.toString().replace('\\', '/');
  }
}
