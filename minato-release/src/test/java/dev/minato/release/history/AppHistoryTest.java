package dev.minato.release.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.MergeCommand;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AppHistoryTest {

  @TempDir Path dir;

  private RevCommit commit(Git git, String file, String subject, String author) throws Exception {
    Files.writeString(dir.resolve(file), subject);
    git.add().addFilepattern(file).call();
    PersonIdent who = new PersonIdent(author, author.toLowerCase().replace(' ', '.') + "@x");
    return git.commit().setMessage(subject + "\n\nbody").setAuthor(who).setCommitter(who).call();
  }

  @Test
  void listsFirstParentCommitsNewestFirstWithPullRequests() throws Exception {
    try (Git git = Git.init().setDirectory(dir.toFile()).setInitialBranch("main").call()) {
      RevCommit v1 = commit(git, "a", "Initial", "Ada");
      git.checkout().setCreateBranch(true).setName("feature").call();
      commit(git, "b", "Work on the branch", "Bob");
      git.checkout().setName("main").call();
      RevCommit fix = commit(git, "c", "Fix the total (#12)", "Cy");
      git.merge()
          .include(git.getRepository().resolve("feature"))
          .setFastForward(MergeCommand.FastForwardMode.NO_FF)
          .setMessage("Merge pull request #13 from team/feature")
          .call();
      RevCommit v2 = git.log().setMaxCount(1).call().iterator().next();

      ChangeLog log = AppHistory.between(dir, v1.getName(), v2.getName());

      assertThat(log.added())
          .extracting(Commit::subject)
          .containsExactly("Merge pull request #13 from team/feature", "Fix the total (#12)");
      assertThat(log.added())
          .extracting(Commit::pullRequest)
          .map(o -> o.orElse(0))
          .containsExactly(13, 12);
      assertThat(log.added().get(1).hash()).isEqualTo(fix.getName());
      assertThat(log.added().get(1).author()).isEqualTo("Cy");
      assertThat(log.removed()).isEmpty();
      assertThat(log.rollback()).isFalse();
    }
  }

  @Test
  void aNewRevisionThatIsAnAncestorIsARollbackListingWhatGoes() throws Exception {
    try (Git git = Git.init().setDirectory(dir.toFile()).setInitialBranch("main").call()) {
      RevCommit v1 = commit(git, "a", "Initial", "Ada");
      commit(git, "b", "Second", "Ada");
      RevCommit v3 = commit(git, "c", "Third", "Ada");

      ChangeLog log = AppHistory.between(dir, v3.getName(), v1.getName());

      assertThat(log.rollback()).isTrue();
      assertThat(log.removed()).extracting(Commit::subject).containsExactly("Third", "Second");
      assertThat(log.lines()).startsWith("Rollback: removes 2 commits:");
    }
  }

  @Test
  void anUnknownRevisionIsRefusedNamingIt() throws Exception {
    try (Git git = Git.init().setDirectory(dir.toFile()).setInitialBranch("main").call()) {
      RevCommit v1 = commit(git, "a", "Initial", "Ada");
      assertThatThrownBy(() -> AppHistory.between(dir, v1.getName(), "0123456789abcdef"))
          .hasMessageContaining("new image's revision 0123456789abcdef is not a commit");
    }
  }
}
