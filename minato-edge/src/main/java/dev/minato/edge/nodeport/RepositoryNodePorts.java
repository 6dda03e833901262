package dev.minato.edge.nodeport;

import dev.minato.manifest.SourcePosition;
import dev.minato.spec.App;
import dev.minato.spec.read.SpecError;
import dev.minato.spec.read.SpecException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * NodePort allocation for a repository, as both {@code minato nodeports} and {@code minato
 * generate} run it: the platform's range, the lock file, and the claims of plain manifests.
 */
public final class RepositoryNodePorts {

  private final Path lockFile;
  private final Path platformFile;
  private final Path scanRoot;

  public RepositoryNodePorts(Path lockFile, Path platformFile, Path scanRoot) {
    this.lockFile = lockFile;
    this.platformFile = platformFile;
    this.scanRoot = scanRoot;
  }

  public static RepositoryNodePorts of(Repository repository) {
    return new RepositoryNodePorts(
        repository.lockFile(), repository.platformFile(), repository.root());
  }

  public Path lockFile() {
    return lockFile;
  }

  /** What allocation gives now, and the lock file as it is on disk. */
  public record Result(Allocation allocation, NodePortLock current, int unreadableManifests) {

    /** Whether the lock file on disk differs from what this allocation would write. */
    public boolean lockChanged() {
      return !allocation.lock().equals(current);
    }
  }

  public Result allocate(List<App> apps) throws SpecException {
    Platform platform = Platform.read(platformFile);
    NodePortLock current = NodePortLock.read(lockFile);
    ManifestNodePorts.Scan scan;
    try {
      scan = ManifestNodePorts.scan(scanRoot);
    } catch (IOException e) {
      throw new SpecException(
          List.of(
              new SpecError(
                  SourcePosition.ofSource(scanRoot.toString()),
                  "",
                  "cannot scan for manifests: " + e.getMessage())));
    }
    Allocation allocation =
        new NodePortAllocator(platform.nodePortRange()).allocate(apps, scan.claims(), current);
    return new Result(allocation, current, scan.unreadable());
  }
}
