package dev.minato.release.history;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One commit of the app's history as a release lists it: the hash, the subject line, the author,
 * and the pull request it came from when the subject says so (GitHub's {@code Merge pull request
 * #12 from …} and squash merges' {@code … (#12)}).
 */
public record Commit(String hash, String subject, String author, Optional<Integer> pullRequest) {

  private static final Pattern MERGE = Pattern.compile("^Merge pull request #(\\d+)\\b");
  private static final Pattern SQUASH = Pattern.compile("\\(#(\\d+)\\)\\s*$");

  /** A commit, with the pull request read from its subject. */
  public static Commit of(String hash, String subject, String author) {
    return new Commit(hash, subject, author, pullRequestOf(subject));
  }

  static Optional<Integer> pullRequestOf(String subject) {
    for (Pattern pattern : new Pattern[] {MERGE, SQUASH}) {
      Matcher m = pattern.matcher(subject);
      if (m.find()) {
        try {
          return Optional.of(Integer.parseInt(m.group(1)));
        } catch (NumberFormatException e) {
          return Optional.empty();
        }
      }
    }
    return Optional.empty();
  }

  /** The first twelve hex digits, as the log shows them. */
  public String shortHash() {
    return hash.substring(0, Math.min(12, hash.length()));
  }

  /** {@code 1a2b3c4d5e6f Fix the checkout total (#12) (Ada Lovelace)}: one line of the log. */
  public String line() {
    return shortHash() + " " + subject + " (" + author + ")";
  }
}
