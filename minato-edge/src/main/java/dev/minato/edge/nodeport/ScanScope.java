package dev.minato.edge.nodeport;

import dev.minato.manifest.Document;
import dev.minato.manifest.ManifestException;
import dev.minato.manifest.YamlReader;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.List;
import java.util.Set;
import java.util.regex.PatternSyntaxException;

/**
 * Which paths of a repository the NodePort scan reads. Copies of manifests are not claims: a saved
 * backup, the output of {@code minato generate} (it repeats what the specs say), hidden
 * directories, build output, and what {@code platform.yaml} excludes by glob.
 */
public final class ScanScope {

  /** The marker {@code minato generate} leaves in its output directory. */
  static final String GENERATED_MARKER = ".minato-generated";

  /** The table of contents of a minato backup, and the kind that identifies it. */
  static final String BACKUP_INDEX = "index.yaml";

  private static final Set<String> SKIPPED = Set.of("target", "node_modules", "build", "vendor");

  private final Path root;
  private final List<PathMatcher> excluded;

  public ScanScope(Path root, List<String> excludeGlobs) {
    this.root = root.toAbsolutePath().normalize();
    this.excluded =
        excludeGlobs.stream()
            .map(glob -> FileSystems.getDefault().getPathMatcher("glob:" + strip(glob)))
            .toList();
  }

  /** Why {@code glob} is not a usable exclude pattern, or an empty string. */
  static String globProblem(String glob) {
    if (strip(glob).isEmpty()) {
      return "expected a pattern relative to the repository root, e.g. 'rendered/**'";
    }
    try {
      FileSystems.getDefault().getPathMatcher("glob:" + strip(glob));
      return "";
    } catch (PatternSyntaxException e) {
      return e.getDescription();
    }
  }

  private static String strip(String glob) {
    String g = glob.strip();
    while (g.startsWith("./")) {
      g = g.substring(2);
    }
    while (g.endsWith("/")) {
      g = g.substring(0, g.length() - 1);
    }
    return g;
  }

  public Path root() {
    return root;
  }

  /** Whether the scan skips the directory {@code dir} and everything below it. */
  public boolean skipsDirectory(Path dir) {
    if (dir.equals(root)) {
      return false;
    }
    String name = dir.getFileName() == null ? "" : dir.getFileName().toString();
    return name.startsWith(".")
        || SKIPPED.contains(name)
        || Files.exists(dir.resolve(GENERATED_MARKER))
        || isBackup(dir)
        || isAnotherRepository(dir)
        || excluded(dir);
  }

  /**
   * Whether the scan reads {@code file}: neither it nor a directory between it and the root is
   * skipped. For files found by another walk (spec files).
   */
  public boolean reads(Path file) {
    Path absolute = file.toAbsolutePath().normalize();
    if (!absolute.startsWith(root) || skipsFile(absolute)) {
      return false;
    }
    for (Path dir = absolute.getParent(); dir != null && !dir.equals(root); dir = dir.getParent()) {
      if (skipsDirectory(dir)) {
        return false;
      }
    }
    return true;
  }

  /**
   * A directory below the root with its own lock, platform file or {@code .git} is a repository of
   * its own ({@link Repository} would stop there): its apps and ports are not this one's.
   */
  private static boolean isAnotherRepository(Path dir) {
    return Repository.isRoot(dir);
  }

  /** Whether the scan skips the file {@code file} (its directory being read). */
  public boolean skipsFile(Path file) {
    return excluded(file);
  }

  private boolean excluded(Path path) {
    Path relative = root.relativize(path.toAbsolutePath().normalize());
    return excluded.stream().anyMatch(m -> m.matches(relative));
  }

  /** A directory {@code minato backup} wrote: its {@code index.yaml} is a BackupIndex. */
  private static boolean isBackup(Path dir) {
    Path index = dir.resolve(BACKUP_INDEX);
    if (!Files.isRegularFile(index)) {
      return false;
    }
    try {
      List<Document> documents = YamlReader.read(index);
      return !documents.isEmpty()
          && documents.get(0).root().path("kind").asText().equals("BackupIndex");
    } catch (ManifestException e) {
      return false;
    }
  }
}
