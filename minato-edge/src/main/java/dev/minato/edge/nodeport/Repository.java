package dev.minato.edge.nodeport;

import dev.minato.manifest.input.RepositoryPath;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Where a repository's shared files live ({@code nodeports.lock}, {@code platform.yaml}): the
 * nearest directory, from the first input upward, that holds one of them or {@code .git}, found the
 * way git finds {@code .git}. The lock belongs to that directory, not to the inputs of one run:
 * {@code generate -f apps/shop} sees the same lock and the same ports as {@code generate} at the
 * root (see {@link RepositoryNodePorts}).
 */
public record Repository(Path root) {

  private static final List<String> MARKERS =
      List.of(NodePortLock.FILE_NAME, Platform.FILE_NAME, ".git");

  public static Repository of(List<Path> inputs) {
    Path start = (inputs.isEmpty() ? Path.of(".") : inputs.get(0)).toAbsolutePath().normalize();
    if (!Files.isDirectory(start)) {
      start = start.getParent();
    }
    return new Repository(RepositoryPath.nearest(start, MARKERS).orElse(start));
  }

  /** Whether {@code dir} is the root of a repository: it holds a lock, a platform file or .git. */
  public static boolean isRoot(Path dir) {
    return MARKERS.stream().anyMatch(marker -> Files.exists(dir.resolve(marker)));
  }

  public Path lockFile() {
    return root.resolve(NodePortLock.FILE_NAME);
  }

  public Path platformFile() {
    return root.resolve(Platform.FILE_NAME);
  }
}
