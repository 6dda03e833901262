package dev.minato.edge.nodeport;

import dev.minato.manifest.SourcePosition;
import dev.minato.spec.App;
import dev.minato.spec.read.SpecError;
import dev.minato.spec.read.SpecException;
import dev.minato.spec.read.SpecFiles;
import dev.minato.spec.read.SpecLoader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * NodePort allocation for a repository, as both {@code minato nodeports} and {@code minato
 * generate} run it: the platform's range, the lock file, and the claims of plain manifests.
 *
 * <p>The lock belongs to the repository, so allocation always sees every spec in it, not only the
 * ones a command was given: {@code generate -f apps/shop} must neither drop the other apps' lock
 * lines nor hand out a port another app's spec names explicitly.
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

  /** The repository's {@code platform.yaml}, or the defaults without one. */
  public Platform platform() throws SpecException {
    return Platform.read(platformFile);
  }

  /** The repository root: where specs and manifests are looked for. */
  public Path root() {
    return scanRoot;
  }

  /** What allocation gives now, and the lock file as it is on disk. */
  public record Result(Allocation allocation, NodePortLock current, int unreadableManifests) {

    /** Whether the lock file on disk differs from what this allocation would write. */
    public boolean lockChanged() {
      return !allocation.lock().equals(current);
    }
  }

  /**
   * Allocates for {@code apps} together with every other app of the repository; the result's lock
   * and assignments cover them all.
   */
  public Result allocate(List<App> apps) throws SpecException {
    Platform platform = Platform.read(platformFile);
    NodePortLock current = NodePortLock.read(lockFile);
    ScanScope scope = new ScanScope(scanRoot, platform.scanExclude());
    List<App> all = withTheRestOfTheRepository(apps, scope);
    ManifestNodePorts.Scan scan;
    try {
      scan = ManifestNodePorts.scan(scope);
    } catch (IOException e) {
      throw new SpecException(List.of(cannotRead(e)));
    }
    Allocation allocation =
        new NodePortAllocator(platform.nodePortRange()).allocate(all, scan.claims(), current);
    return new Result(allocation, current, scan.unreadable());
  }

  /**
   * {@code apps} and the apps of every other spec file below the repository root. A broken spec
   * elsewhere is an error here too: without it, its ports are unknown and its lock line would be
   * dropped. The given apps' files are read again with the others, so one loader checks that app
   * names are unique across the repository (they key the lock).
   */
  private List<App> withTheRestOfTheRepository(List<App> apps, ScanScope scope)
      throws SpecException {
    Set<Path> given = new LinkedHashSet<>();
    for (App app : apps) {
      given.add(Path.of(app.source().source()).toAbsolutePath().normalize());
    }
    List<Path> files = new ArrayList<>(given);
    try {
      for (Path file : SpecFiles.find(scope.root())) {
        Path absolute = file.toAbsolutePath().normalize();
        if (!given.contains(absolute) && scope.reads(absolute)) {
          files.add(absolute);
        }
      }
    } catch (IOException e) {
      throw new SpecException(List.of(cannotRead(e)));
    }
    return files.size() == given.size() ? apps : SpecLoader.load(files);
  }

  private SpecError cannotRead(IOException e) {
    return new SpecError(
        SourcePosition.ofSource(scanRoot.toString()),
        "",
        "cannot scan the repository for specs and manifests: " + e.getMessage());
  }
}
