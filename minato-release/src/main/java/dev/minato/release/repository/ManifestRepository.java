package dev.minato.release.repository;

import dev.minato.release.ReleaseException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.Status;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.api.errors.JGitInternalException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.ReflogEntry;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.transport.PushResult;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.RemoteRefUpdate;

/**
 * The manifest repository a release is committed to, through JGit: its state is checked before
 * anything is written (a clean work tree, a free branch name), and the release becomes one commit.
 */
public final class ManifestRepository implements AutoCloseable {

  /**
   * How a release's checkout of its branch reads in HEAD's reflog. A different wording from git's
   * own ("checkout: moving from") lets a later run tell a release that was killed before it
   * committed (the checkout is still HEAD's last move) from a branch someone checked out by hand.
   */
  private static final String RELEASE_CHECKOUT = "minato release: moving from ";

  private final Git git;
  private final Path workTree;

  private ManifestRepository(Git git, Path workTree) {
    this.git = git;
    this.workTree = workTree;
  }

  /** The repository whose work tree holds {@code dir}. */
  public static ManifestRepository open(Path dir) throws ReleaseException {
    FileRepositoryBuilder builder = new FileRepositoryBuilder().findGitDir(dir.toFile());
    if (builder.getGitDir() == null) {
      throw ReleaseException.invalid(
          dir.toAbsolutePath().normalize()
              + " is not in a git repository; run release in the manifest repository");
    }
    try {
      Repository repository = builder.setMustExist(true).build();
      if (repository.isBare()) {
        repository.close();
        throw ReleaseException.invalid(dir + " is a bare repository: release needs a work tree");
      }
      return new ManifestRepository(
          new Git(repository), repository.getWorkTree().toPath().toAbsolutePath().normalize());
    } catch (IOException e) {
      throw ReleaseException.environment("cannot open the git repository at " + dir, e);
    }
  }

  public Path workTree() {
    return workTree;
  }

  /**
   * Refuses a work tree with changes or untracked files: a release commits only what it wrote, and
   * must not sweep in or build on someone's unfinished edit.
   */
  public void requireClean() throws ReleaseException {
    Status status;
    try {
      status = git.status().call();
    } catch (GitAPIException e) {
      throw ReleaseException.environment("cannot read git status: " + e.getMessage(), e);
    }
    if (!status.isClean()) {
      Set<String> paths = new TreeSet<>(status.getUncommittedChanges());
      paths.addAll(status.getUntracked());
      throw ReleaseException.invalid(
          "the work tree of "
              + workTree
              + " has uncommitted changes ("
              + String.join(", ", paths.stream().limit(5).toList())
              + (paths.size() > 5 ? ", …" : "")
              + "); commit or stash them first, a release commits only its own change");
    }
  }

  /** Fails when {@code branch} exists: a release never moves a branch someone may have pushed. */
  public void requireNewBranch(String branch) throws ReleaseException {
    try {
      if (git.getRepository().exactRef(Constants.R_HEADS + branch) != null) {
        throw ReleaseException.invalid(
            "branch "
                + branch
                + " already exists (an earlier run of this release?); delete it or check it out");
      }
    } catch (IOException e) {
      throw ReleaseException.environment("cannot read branches: " + e.getMessage(), e);
    }
  }

  /** The branch checked out now, or fails on a detached HEAD (nothing to commit onto). */
  public String currentBranch() throws ReleaseException {
    try {
      String full = git.getRepository().getFullBranch();
      if (full == null || !full.startsWith(Constants.R_HEADS)) {
        throw ReleaseException.invalid(
            "HEAD is detached; check out the branch the release starts from");
      }
      return full.substring(Constants.R_HEADS.length());
    } catch (IOException e) {
      throw ReleaseException.environment("cannot read HEAD: " + e.getMessage(), e);
    }
  }

  /**
   * The commit HEAD points at and the index file's SHA-1, as a release's plan found them: {@link
   * #requireUnchangedSince} proves nothing was committed or staged meanwhile without a second full
   * status of the work tree.
   */
  public record State(String head, String index) {}

  /** HEAD's commit and a digest of the index file, for {@link #requireUnchangedSince}. */
  public State state() throws ReleaseException {
    try {
      Repository repository = git.getRepository();
      ObjectId head = repository.resolve(Constants.HEAD);
      if (head == null) {
        throw ReleaseException.invalid("the repository has no commit yet; commit the specs first");
      }
      Path index = repository.getIndexFile().toPath();
      byte[] bytes = Files.exists(index) ? Files.readAllBytes(index) : new byte[0];
      return new State(head.getName(), ObjectId.fromRaw(sha1(bytes)).getName());
    } catch (IOException e) {
      throw ReleaseException.environment("cannot read HEAD or the index: " + e.getMessage(), e);
    }
  }

  /**
   * Fails unless HEAD and the index are as {@code planned} found them: a commit or a staged change
   * made since would otherwise be built upon, or swept into the release's commit.
   */
  public void requireUnchangedSince(State planned) throws ReleaseException {
    if (!state().equals(planned)) {
      throw ReleaseException.invalid(
          "the repository changed while the release was prepared (a commit or a staged change);"
              + " nothing was written, run the release again");
    }
  }

  /**
   * Creates {@code branch} at HEAD and checks it out. HEAD's tree does not change, so the work tree
   * and the index are left as they are, as {@code git switch -c} does, and only the refs move: a
   * checkout would compare every file of the repository for nothing.
   */
  public void startBranch(String branch) throws ReleaseException {
    try {
      Repository repository = git.getRepository();
      ObjectId head = repository.resolve(Constants.HEAD);
      RefUpdate create = repository.updateRef(Constants.R_HEADS + branch);
      create.setNewObjectId(head);
      create.setExpectedOldObjectId(ObjectId.zeroId());
      create.setRefLogMessage("branch: Created from HEAD", false);
      RefUpdate.Result created = create.update();
      if (created != RefUpdate.Result.NEW) {
        throw ReleaseException.environment("cannot create branch " + branch + ": " + created, null);
      }
      RefUpdate head1 = repository.updateRef(Constants.HEAD);
      head1.setRefLogMessage(RELEASE_CHECKOUT + repository.getBranch() + " to " + branch, false);
      RefUpdate.Result linked = head1.link(Constants.R_HEADS + branch);
      if (linked != RefUpdate.Result.FORCED
          && linked != RefUpdate.Result.NEW
          && linked != RefUpdate.Result.NO_CHANGE) {
        throw ReleaseException.environment(
            "cannot check out branch " + branch + ": " + linked, null);
      }
    } catch (IOException e) {
      throw ReleaseException.environment(
          "cannot create branch " + branch + ": " + e.getMessage(), e);
    }
  }

  /**
   * A release that checked out its branch and then stopped (killed, or the machine went down)
   * before it committed: HEAD's last move is still that checkout. {@code from} is the branch it
   * started from.
   */
  public record Interruption(String from, String branch) {}

  /** The release found stopped half-way in this repository, if any; see {@link Interruption}. */
  public Optional<Interruption> interruption() throws ReleaseException {
    try {
      Repository repository = git.getRepository();
      ReflogEntry last = repository.getRefDatabase().getReflogReader(Constants.HEAD).getLastEntry();
      if (last == null || !last.getComment().startsWith(RELEASE_CHECKOUT)) {
        return Optional.empty();
      }
      String move = last.getComment().substring(RELEASE_CHECKOUT.length());
      int to = move.lastIndexOf(" to ");
      String branch = repository.getBranch();
      if (to < 0 || !move.substring(to + 4).equals(branch)) {
        return Optional.empty();
      }
      return Optional.of(new Interruption(move.substring(0, to), branch));
    } catch (IOException e) {
      throw ReleaseException.environment("cannot read HEAD's reflog: " + e.getMessage(), e);
    }
  }

  /**
   * Undoes {@link #startBranch}: checks {@code from} out again (only the refs move, as the tree is
   * the same) and deletes {@code branch}, but only while it still points at {@code start}: a branch
   * that has a commit of its own is no longer only the release's to remove.
   */
  public void abandonBranch(String from, String branch, State start) throws ReleaseException {
    try {
      Repository repository = git.getRepository();
      RefUpdate head = repository.updateRef(Constants.HEAD);
      head.setRefLogMessage("minato release: undone, back to " + from, false);
      RefUpdate.Result linked = head.link(Constants.R_HEADS + from);
      if (linked != RefUpdate.Result.FORCED
          && linked != RefUpdate.Result.NEW
          && linked != RefUpdate.Result.NO_CHANGE) {
        throw ReleaseException.environment("cannot check out " + from + " again: " + linked, null);
      }
      RefUpdate delete = repository.updateRef(Constants.R_HEADS + branch);
      delete.setExpectedOldObjectId(ObjectId.fromString(start.head()));
      delete.setForceUpdate(true);
      RefUpdate.Result deleted = delete.delete();
      if (deleted != RefUpdate.Result.FORCED) {
        throw ReleaseException.environment(
            "cannot delete branch " + branch + " (" + deleted + "); delete it by hand", null);
      }
    } catch (IOException e) {
      throw ReleaseException.environment("cannot undo branch " + branch + ": " + e.getMessage(), e);
    }
  }

  /** Makes the index hold HEAD's version of {@code paths} again, as {@code git reset -- paths}. */
  public void unstage(Collection<String> paths) throws ReleaseException {
    try {
      var reset = git.reset().setRef(Constants.HEAD);
      paths.forEach(reset::addPath);
      reset.call();
    } catch (GitAPIException | JGitInternalException e) {
      throw ReleaseException.environment("cannot unstage the release: " + reason(e), e);
    }
  }

  /**
   * Commits the files at {@code paths} (relative to the work tree, {@code /}-separated; changed,
   * added or deleted) with {@code message}; returns the commit's hash. One add stages changed and
   * new files; only deletions need the second, updating pass (each pass reads and writes the whole
   * index).
   */
  public String commit(Collection<String> paths, String message) throws ReleaseException {
    try {
      var add = git.add();
      paths.forEach(add::addFilepattern);
      add.call();
      List<String> deleted =
          paths.stream().filter(p -> !Files.exists(workTree.resolve(p))).toList();
      if (!deleted.isEmpty()) {
        var update = git.add().setUpdate(true);
        deleted.forEach(update::addFilepattern);
        update.call();
      }
      RevCommit commit = git.commit().setMessage(message).call();
      return commit.getName();
    } catch (GitAPIException | JGitInternalException e) {
      throw ReleaseException.environment("cannot commit the release: " + reason(e), e);
    }
  }

  /**
   * Why a git operation failed, in the user's terms: JGit wraps the cause (a lock it could not
   * take, say) in a generic message, and a left-over {@code index.lock} is the common case.
   */
  private String reason(Exception e) {
    Path lock = git.getRepository().getIndexFile().toPath().resolveSibling("index.lock");
    if (Files.exists(lock)) {
      return lock
          + " exists: another git command is running, or one was killed; remove the file once none"
          + " runs";
    }
    return e.getCause() == null
        ? e.getMessage()
        : e.getMessage() + ": " + e.getCause().getMessage();
  }

  private static byte[] sha1(byte[] bytes) {
    try {
      return MessageDigest.getInstance("SHA-1").digest(bytes);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-1", e);
    }
  }

  /** Pushes {@code branch} to {@code remote}; fails unless the remote took it. */
  public void push(String remote, String branch) throws ReleaseException {
    try {
      RefSpec spec = new RefSpec(Constants.R_HEADS + branch + ":" + Constants.R_HEADS + branch);
      for (PushResult result : git.push().setRemote(remote).setRefSpecs(spec).call()) {
        for (RemoteRefUpdate update : result.getRemoteUpdates()) {
          if (update.getStatus() != RemoteRefUpdate.Status.OK
              && update.getStatus() != RemoteRefUpdate.Status.UP_TO_DATE) {
            throw new ReleaseException(
                ReleaseException.Kind.ENVIRONMENT,
                "push of "
                    + branch
                    + " to "
                    + remote
                    + " was refused: "
                    + update.getStatus()
                    + (update.getMessage() == null ? "" : " (" + update.getMessage() + ")"));
          }
        }
      }
    } catch (GitAPIException e) {
      throw ReleaseException.environment(
          "cannot push " + branch + " to " + remote + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    git.getRepository().close();
  }
}
