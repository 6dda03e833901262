package dev.minato.release.history;

import java.util.List;
import java.util.Optional;

/**
 * What a release changes in the app's code: the commits the new image has that the old one lacks
 * ({@code added}), and those the old one has that the new one lacks ({@code removed}), each on the
 * first-parent line as {@code git log --first-parent old..new} lists them, newest first. Empty
 * lists with {@code note} present mean the history could not be read (no app repository, or an
 * image without a revision), which the log says instead of pretending nothing changed.
 */
public record ChangeLog(
    Optional<String> oldRevision,
    Optional<String> newRevision,
    List<Commit> added,
    List<Commit> removed,
    Optional<String> note) {

  public ChangeLog {
    added = List.copyOf(added);
    removed = List.copyOf(removed);
  }

  /** A log that could not list commits, saying why. */
  public static ChangeLog unknown(
      Optional<String> oldRevision, Optional<String> newRevision, String why) {
    return new ChangeLog(oldRevision, newRevision, List.of(), List.of(), Optional.of(why));
  }

  /** The new image is older than the one running: its commits are being taken out. */
  public boolean rollback() {
    return added.isEmpty() && !removed.isEmpty();
  }

  /** Neither image contains the other: commits come and go at once. */
  public boolean diverged() {
    return !added.isEmpty() && !removed.isEmpty();
  }

  /** The commit message's body and the PR's list: one line per commit, in words. */
  public List<String> lines() {
    java.util.ArrayList<String> lines = new java.util.ArrayList<>();
    note.ifPresent(lines::add);
    if (rollback()) {
      lines.add("Rollback: removes " + count(removed.size()) + ":");
    } else if (diverged()) {
      lines.add(
          "The images diverged: adds "
              + count(added.size())
              + " and removes "
              + count(removed.size())
              + ".");
    } else if (note.isEmpty() && added.isEmpty()) {
      lines.add("No code change: both images were built from the same commit.");
    }
    if (!added.isEmpty()) {
      if (diverged()) {
        lines.add("Added:");
      }
      added.forEach(c -> lines.add("- " + c.line()));
    }
    if (!removed.isEmpty()) {
      if (diverged()) {
        lines.add("Removed:");
      }
      removed.forEach(c -> lines.add("- " + c.line()));
    }
    return List.copyOf(lines);
  }

  private static String count(int n) {
    return n + (n == 1 ? " commit" : " commits");
  }
}
