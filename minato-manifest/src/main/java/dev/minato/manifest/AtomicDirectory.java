package dev.minato.manifest;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Replaces a directory as a whole ({@code generate}'s output, a backup), so that a reader finds
 * either the complete old content or the complete new one, whenever the writer stops, even by
 * SIGKILL or a power cut between two steps.
 *
 * <p>The output is committed to git, so it must stay a real directory: swapping a symlink would be
 * one atomic rename, but git would then record a link. A directory cannot be renamed over a
 * non-empty one, so the swap takes two renames, and the protocol makes the gap between them
 * recoverable instead of impossible:
 *
 * <ol>
 *   <li>The new content is written into {@code .NAME.partial-ID}, a hidden sibling on the same file
 *       system; {@code NAME} is untouched.
 *   <li>{@code NAME} is renamed to {@code .NAME.old-ID} (the only moment {@code NAME} is missing).
 *   <li>{@code .NAME.partial-ID} is renamed to {@code NAME}.
 *   <li>{@code .NAME.old-ID} is deleted.
 * </ol>
 *
 * Every state a kill can leave is told apart by what exists: a missing {@code NAME} with one {@code
 * .NAME.old-*} means a run stopped between steps 2 and 3, so the previous output is complete under
 * that name and is renamed back ({@link #recover}, called by every command that reads such a
 * directory, before it reads); a {@code .NAME.partial-*} is a run that never swapped, and a {@code
 * .NAME.old-*} beside a present {@code NAME} is one that swapped but did not finish deleting: both
 * are removed by the next writer ({@link #prepare}). Two writers on one directory at the same time
 * are not supported; the later one fails at a rename and leaves the earlier's result intact.
 *
 * <p>Test hook: the system property {@code minato.test.haltAt} names a step ({@code partial},
 * {@code staged}, {@code aside}, {@code swapped}) at which the JVM halts with status 137 as SIGKILL
 * would, so tests can stop a real run between any two steps. It is read by no other code.
 */
public final class AtomicDirectory {

  /** The system property of the test hook; see the class comment. */
  public static final String HALT_AT = "minato.test.haltAt";

  private static final SecureRandom RANDOM = new SecureRandom();

  private final Path target;
  private final Pattern leftover;
  private final Pattern retired;

  private AtomicDirectory(Path target) {
    this.target = target.toAbsolutePath().normalize();
    String name = Pattern.quote(this.target.getFileName().toString());
    // .new- is what versions before this protocol named their staging directories.
    this.leftover = Pattern.compile("\\." + name + "\\.(partial|old|new)-[0-9A-Za-z]+");
    this.retired = Pattern.compile("\\." + name + "\\.old-[0-9A-Za-z]+");
  }

  /**
   * Puts back the previous content of {@code target} if a replacement stopped between its two
   * renames; otherwise does nothing. For commands that read the directory (and change nothing
   * else).
   */
  public static void recover(Path target) throws IOException {
    new AtomicDirectory(target).restoreRetired();
  }

  /**
   * Like {@link #recover}, for a path inside such a directory ({@code manifests/shop/overlays/prd}
   * when {@code manifests} was being replaced): every missing ancestor is recovered, nearest first,
   * up to the first that exists.
   */
  public static void recoverAround(Path path) throws IOException {
    for (Path p = path.toAbsolutePath().normalize();
        p != null && p.getFileName() != null && !Files.exists(p);
        p = p.getParent()) {
      new AtomicDirectory(p).restoreRetired();
    }
  }

  /**
   * Readies {@code target} to be replaced: recovers an interrupted swap and removes the leftovers
   * of interrupted runs. The caller checks that it may replace what is there, then {@link #stage}s.
   */
  public static AtomicDirectory prepare(Path target) throws IOException {
    AtomicDirectory directory = new AtomicDirectory(target);
    directory.restoreRetired();
    for (Path path : directory.siblings(directory.leftover)) {
      deleteTree(path);
    }
    return directory;
  }

  public Path target() {
    return target;
  }

  /** Starts the new content in a hidden sibling directory. */
  public Staged stage() throws IOException {
    Files.createDirectories(target.getParent());
    Path partial = Files.createDirectory(sibling("partial"));
    haltIfTesting("partial");
    return new Staged(partial);
  }

  /**
   * Starts new content that describes a cluster (a backup) in a hidden sibling directory only its
   * owner may enter (mode 0700), from its first byte to after the swap: what is inside is
   * unreadable to other users whatever the modes of its files.
   */
  public Staged stagePrivate() throws IOException {
    Files.createDirectories(target.getParent());
    Path partial = PrivateDirectory.create(sibling("partial"));
    haltIfTesting("partial");
    return new Staged(partial);
  }

  /** New content being written beside the target; nothing is visible at the target until commit. */
  public final class Staged implements AutoCloseable {

    private final Path path;
    private boolean committed;

    private Staged(Path path) {
      this.path = path;
    }

    /** The directory to write the new content into. */
    public Path path() {
      return path;
    }

    /** Swaps the staged content in; the previous content stays whole until its last step. */
    public void commit() throws IOException {
      haltIfTesting("staged");
      if (!Files.exists(target)) {
        move(path, target);
        committed = true;
        return;
      }
      Path old = sibling("old");
      move(target, old);
      haltIfTesting("aside");
      try {
        move(path, target);
      } catch (IOException e) {
        move(old, target);
        throw e;
      }
      committed = true;
      haltIfTesting("swapped");
      deleteTree(old);
    }

    /** Drops the staged content unless it was committed. */
    @Override
    public void close() throws IOException {
      if (!committed) {
        deleteTree(path);
      }
    }
  }

  private void restoreRetired() throws IOException {
    if (Files.exists(target)) {
      return;
    }
    List<Path> olds = siblings(retired);
    if (olds.size() == 1) {
      move(olds.get(0), target);
    } else if (olds.size() > 1) {
      throw new IOException(
          target
              + " is missing and "
              + olds.size()
              + " earlier versions of it were left by interrupted runs ("
              + String.join(", ", olds.stream().map(p -> p.getFileName().toString()).toList())
              + "); rename the one to keep to "
              + target.getFileName());
    }
  }

  private List<Path> siblings(Pattern pattern) throws IOException {
    Path parent = target.getParent();
    List<Path> found = new ArrayList<>();
    if (!Files.isDirectory(parent)) {
      return found;
    }
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(parent)) {
      for (Path entry : entries) {
        if (pattern.matcher(entry.getFileName().toString()).matches()) {
          found.add(entry);
        }
      }
    }
    found.sort(Comparator.naturalOrder());
    return found;
  }

  private Path sibling(String role) {
    byte[] id = new byte[6];
    RANDOM.nextBytes(id);
    return target.resolveSibling(
        "." + target.getFileName() + "." + role + "-" + HexFormat.of().formatHex(id));
  }

  private static void move(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(from, to);
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    }
  }

  private static void haltIfTesting(String step) {
    if (step.equals(System.getProperty(HALT_AT))) {
      Runtime.getRuntime().halt(137);
    }
  }
}
