package dev.minato.cli.release;

import static org.assertj.core.api.Assertions.assertThat;

import dev.minato.cli.CliRun;
import dev.minato.release.repository.ManifestRepository;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.diff.DiffEntry;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.treewalk.CanonicalTreeParser;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Releases that stop between their first write and their commit, as users meet them: a failure
 * minato sees (a stale {@code index.lock} left by a killed git) is undone on the spot; a kill it
 * cannot see is named on the next run with the way back, and the release then goes through.
 */
class InterruptedReleaseTest {

  private static final String BRANCH = "release/shop-api-prd-1.1";

  @TempDir Path dir;
  ReleaseFixture fixture;

  @BeforeEach
  void setUp() throws Exception {
    fixture = new ReleaseFixture(dir);
  }

  @AfterEach
  void tearDown() {
    fixture.close();
  }

  private CliRun releaseToPrd() {
    return fixture.release("shop-api", "--env", "prd", "--image", fixture.image("1.1"));
  }

  @Test
  void aCommitThatFailsIsUndoneAndTheRepositoryIsAsItWas() throws Exception {
    Path lock = fixture.manifests.resolve(".git/index.lock");
    Files.writeString(lock, "");
    Map<String, String> before = fixture.snapshot();

    CliRun run = releaseToPrd();

    assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(3);
    assertThat(run.err())
        .contains("cannot commit the release: ")
        .contains("index.lock exists")
        .contains("the release was undone, the repository is as it was");
    assertThat(withoutHeadsReflog(fixture.snapshot())).isEqualTo(withoutHeadsReflog(before));
    assertThat(Files.readAllLines(fixture.manifests.resolve(".git/logs/HEAD")))
        .last()
        .asString()
        .endsWith("minato release: undone, back to main");
    try (Git git = Git.open(fixture.manifests.toFile())) {
      assertThat(git.branchList().call()).extracting(ref -> ref.getName()).hasSize(1);
    }

    Files.delete(lock);
    CliRun again = releaseToPrd();

    assertThat(again.exitCode()).as(again.err()).isZero();
    assertReleasedOnItsBranch();
  }

  @Test
  void aDirectReleaseWhoseCommitFailsLeavesTheBranchItWasOnUntouched() throws Exception {
    Path lock = fixture.manifests.resolve(".git/index.lock");
    Files.writeString(lock, "");
    Map<String, String> before = fixture.snapshot();

    CliRun run =
        fixture.release("shop-api", "--env", "dev", "--image", fixture.image("1.1"), "--direct");

    assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(3);
    assertThat(run.err()).contains("the release was undone");
    assertThat(withoutHeadsReflog(fixture.snapshot())).isEqualTo(withoutHeadsReflog(before));
  }

  @Test
  void aReleaseKilledAfterWritingIsNamedOnTheNextRunWithTheWayBack() throws Exception {
    killedAfterWritingTheSpec();
    Map<String, String> killed = fixture.snapshot();

    CliRun rerun = releaseToPrd();

    assertThat(rerun.exitCode()).as(rerun.out() + rerun.err()).isEqualTo(2);
    assertThat(rerun.err())
        .contains("an earlier 'minato release' stopped before it committed")
        .contains("checked out " + BRANCH + " (from main)")
        .contains("'git switch main'")
        .contains("'git branch -D " + BRANCH + "'");
    assertThat(fixture.snapshot()).isEqualTo(killed);

    // The way back, as the message gives it.
    try (Git git = Git.open(fixture.manifests.toFile())) {
      git.stashCreate().setIncludeUntracked(true).call();
      git.checkout().setName("main").call();
      git.branchDelete().setBranchNames(BRANCH).setForce(true).call();
    }
    CliRun again = releaseToPrd();

    assertThat(again.exitCode()).as(again.err()).isZero();
    assertReleasedOnItsBranch();
  }

  @Test
  void aReleaseKilledRightAfterItsCheckoutIsNamedToo() throws Exception {
    try (ManifestRepository repository = ManifestRepository.open(fixture.manifests)) {
      repository.startBranch(BRANCH);
    }

    CliRun rerun = releaseToPrd();

    assertThat(rerun.exitCode()).isEqualTo(2);
    assertThat(rerun.err()).contains("stopped before it committed");
  }

  @Test
  void aReleaseBranchCheckedOutByHandIsNotTakenForAnInterruption() throws Exception {
    CliRun first = releaseToPrd();
    assertThat(first.exitCode()).as(first.err()).isZero();
    try (Git git = Git.open(fixture.manifests.toFile())) {
      git.checkout().setName("main").call();
      git.checkout().setName(BRANCH).call();
    }

    CliRun again = releaseToPrd();

    assertThat(again.exitCode()).as(again.err()).isZero();
    assertThat(again.out()).contains("Nothing to do");
    assertThat(again.err()).doesNotContain("stopped before it committed");
  }

  /**
   * The snapshot without HEAD's reflog: an undone release leaves its checkout and its return there,
   * as git's own commands do, a record of what happened rather than a change to the repository.
   */
  private static Map<String, String> withoutHeadsReflog(Map<String, String> snapshot) {
    Map<String, String> rest = new TreeMap<>(snapshot);
    rest.remove(".git/logs/HEAD");
    return rest;
  }

  /**
   * The state a release leaves when killed between its spec write and its manifests: its branch
   * checked out by the release's own code, and the spec edited.
   */
  private void killedAfterWritingTheSpec() throws Exception {
    try (ManifestRepository repository = ManifestRepository.open(fixture.manifests)) {
      repository.startBranch(BRANCH);
    }
    Path spec = fixture.manifests.resolve("shop/minato.yaml");
    Files.writeString(
        spec, Files.readString(spec).replace("shop/api:1.0\"", "shop/api:1.0\"\n# half"));
  }

  /**
   * The release's branch is checked out with one commit on main whose change is exactly the spec
   * and the prd overlay, and the work tree is clean.
   */
  private void assertReleasedOnItsBranch() throws Exception {
    try (Git git = Git.open(fixture.manifests.toFile())) {
      assertThat(git.getRepository().getBranch()).isEqualTo(BRANCH);
      assertThat(git.status().call().isClean()).isTrue();
      RevCommit release = git.log().setMaxCount(1).call().iterator().next();
      RevCommit main =
          git.log()
              .add(git.getRepository().resolve("main"))
              .setMaxCount(1)
              .call()
              .iterator()
              .next();
      assertThat(release.getParent(0)).isEqualTo(main);
      assertThat(changedPaths(git, main, release))
          .isNotEmpty()
          .allMatch(path -> path.equals("shop/minato.yaml") || path.contains("shop-api/"))
          .anyMatch(path -> path.equals("shop/minato.yaml"));
    }
  }

  private static List<String> changedPaths(Git git, RevCommit from, RevCommit to) throws Exception {
    try (ObjectReader reader = git.getRepository().newObjectReader()) {
      CanonicalTreeParser a = new CanonicalTreeParser(null, reader, from.getTree());
      CanonicalTreeParser b = new CanonicalTreeParser(null, reader, to.getTree());
      return git.diff().setOldTree(a).setNewTree(b).call().stream()
          .map(DiffEntry::getNewPath)
          .toList();
    }
  }
}
