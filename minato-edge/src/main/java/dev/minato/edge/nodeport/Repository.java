package dev.minato.edge.nodeport;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Where a repository's shared files live ({@code nodeports.lock}, {@code platform.yaml}): the
 * nearest directory, from the first input upward, that holds one of them or {@code .git}.
 */
public record Repository(Path root) {

  public static Repository of(List<Path> inputs) {
    Path start = (inputs.isEmpty() ? Path.of(".") : inputs.get(0)).toAbsolutePath().normalize();
    if (!Files.isDirectory(start)) {
      start = start.getParent();
    }
    for (Path dir = start; dir != null; dir = dir.getParent()) {
      if (Files.exists(dir.resolve(NodePortLock.FILE_NAME))
          || Files.exists(dir.resolve(Platform.FILE_NAME))
          || Files.exists(dir.resolve(".git"))) {
        return new Repository(dir);
      }
    }
    return new Repository(start);
  }

  public Path lockFile() {
    return root.resolve(NodePortLock.FILE_NAME);
  }

  public Path platformFile() {
    return root.resolve(Platform.FILE_NAME);
  }
}
