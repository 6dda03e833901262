package dev.minato.release.history;

import dev.minato.release.ReleaseException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

/** The app's git repository, read with JGit for the commits between two images' revisions. */
public final class AppHistory {

  private AppHistory() {}

  /**
   * The first-parent commits between {@code oldRevision} and {@code newRevision} both ways, read
   * from the repository at {@code dir} (a work tree or a bare repository).
   */
  public static ChangeLog between(Path dir, String oldRevision, String newRevision)
      throws ReleaseException {
    try (Repository repository = open(dir)) {
      ObjectId oldId = resolve(repository, dir, oldRevision, "old");
      ObjectId newId = resolve(repository, dir, newRevision, "new");
      return new ChangeLog(
          Optional.of(oldId.name()),
          Optional.of(newId.name()),
          firstParent(repository, oldId, newId),
          firstParent(repository, newId, oldId),
          Optional.empty());
    } catch (IOException e) {
      throw ReleaseException.environment(
          "cannot read the app repository " + dir + ": " + e.getMessage(), e);
    }
  }

  private static Repository open(Path dir) throws ReleaseException, IOException {
    FileRepositoryBuilder builder = new FileRepositoryBuilder().setMustExist(true);
    builder.findGitDir(dir.toFile());
    if (builder.getGitDir() == null) {
      builder.setGitDir(dir.toFile());
    }
    try {
      return builder.build();
    } catch (org.eclipse.jgit.errors.RepositoryNotFoundException e) {
      throw ReleaseException.invalid("--app-repo " + dir + " is not a git repository");
    }
  }

  private static ObjectId resolve(Repository repository, Path dir, String revision, String which)
      throws ReleaseException, IOException {
    ObjectId id;
    try {
      id = repository.resolve(revision + "^{commit}");
    } catch (org.eclipse.jgit.errors.RevisionSyntaxException e) {
      id = null;
    }
    if (id == null) {
      throw ReleaseException.invalid(
          "the "
              + which
              + " image's revision "
              + revision
              + " is not a commit of the app repository "
              + dir
              + " (fetch it, or check the image's "
              + "org.opencontainers.image.revision label or the --tag-map)");
    }
    return id;
  }

  /** {@code git log --first-parent from..to}: newest first. */
  private static List<Commit> firstParent(Repository repository, ObjectId from, ObjectId to)
      throws IOException {
    List<Commit> commits = new ArrayList<>();
    try (RevWalk walk = new RevWalk(repository)) {
      walk.setFirstParent(true);
      walk.markStart(walk.parseCommit(to));
      walk.markUninteresting(walk.parseCommit(from));
      for (RevCommit commit : walk) {
        commits.add(
            Commit.of(
                commit.getName(), commit.getShortMessage(), commit.getAuthorIdent().getName()));
      }
    }
    return commits;
  }
}
