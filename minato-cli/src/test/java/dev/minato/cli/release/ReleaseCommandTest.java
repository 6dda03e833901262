package dev.minato.cli.release;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.minato.cli.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.Constants;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReleaseCommandTest {

  @TempDir Path dir;
  ReleaseFixture fixture;
  Map<String, String> before;

  @BeforeEach
  void setUp() throws Exception {
    fixture = new ReleaseFixture(dir);
    before = fixture.snapshot();
  }

  @AfterEach
  void tearDown() {
    fixture.close();
  }

  private void assertRefusedUnchanged(CliRun run, int exitCode, String message) throws Exception {
    assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(exitCode);
    assertThat(run.err()).contains(message);
    assertThat(fixture.snapshot()).isEqualTo(before);
  }

  @Test
  void refusesADirtyWorkTree() throws Exception {
    fixture.write("notes.txt", "half-done\n");
    before = fixture.snapshot();
    assertRefusedUnchanged(
        fixture.release("shop-api", "--env", "prd", "--image", fixture.image("1.1")),
        2,
        "uncommitted changes (notes.txt)");
  }

  @Test
  void refusesAnUnknownAppWithASuggestion() throws Exception {
    assertRefusedUnchanged(
        fixture.release("shop-apl", "--env", "prd", "--image", fixture.image("1.1")),
        2,
        "no app named 'shop-apl' in the specs, did you mean 'shop-api'?");
  }

  @Test
  void aBrokenSpecOfAnotherAppDoesNotStopTheRelease() throws Exception {
    // Only the spec files that can name shop-api are parsed: the release changes nothing else.
    String broken = "apiVersion: minato.dev/v1\nkind: App\nmetadata: {name: billing}\n";
    fixture.write("billing/minato.yaml", broken);
    fixture.commitAll("A half-edited billing spec");

    CliRun run =
        fixture.release("shop-api", "--env", "prd", "--image", fixture.image("1.1"), "--direct");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(fixture.snapshot())
        .containsEntry("billing/minato.yaml", broken)
        .hasEntrySatisfying(
            "shop/minato.yaml", text -> assertThat(text).contains(fixture.image("1.1")));
  }

  @Test
  void refusesAnImageWithoutTagOrDigest() throws Exception {
    assertRefusedUnchanged(
        fixture.release(
            "shop-api", "--env", "prd", "--image", fixture.registry.host() + "/shop/api"),
        2,
        "has neither a tag nor a digest");
  }

  @Test
  void aMissingImageIsExitOneWithTheRegistrysAnswer() throws Exception {
    assertRefusedUnchanged(
        fixture.release("shop-api", "--env", "prd", "--image", fixture.image("9.9")),
        1,
        "404: MANIFEST_UNKNOWN: manifest unknown");
  }

  @Test
  void aFailingRegistryIsExitThree() throws Exception {
    fixture.registry.failWith(500);
    assertRefusedUnchanged(
        fixture.release("shop-api", "--env", "prd", "--image", fixture.image("1.1")),
        3,
        "answered 500");
  }

  @Test
  void refusesAnExistingReleaseBranch() throws Exception {
    try (Git git = Git.open(fixture.manifests.toFile())) {
      git.branchCreate().setName("release/shop-api-prd-1.1").call();
    }
    before = fixture.snapshot();
    assertRefusedUnchanged(
        fixture.release("shop-api", "--env", "prd", "--image", fixture.image("1.1")),
        2,
        "branch release/shop-api-prd-1.1 already exists");
  }

  @Test
  void reRunningTheSameReleaseHasNothingToDo() throws Exception {
    CliRun first =
        fixture.release("shop-api", "--env", "dev", "--image", fixture.image("1.1"), "--direct");
    assertThat(first.exitCode()).as(first.err()).isZero();
    before = fixture.snapshot();

    CliRun again =
        fixture.release("shop-api", "--env", "dev", "--image", fixture.image("1.1"), "--direct");

    assertThat(again.exitCode()).as(again.err()).isZero();
    assertThat(again.out()).contains("Nothing to do: shop-api already runs");
    assertThat(fixture.snapshot()).isEqualTo(before);
  }

  /** Releases 1.1 to prd writing the PR body to {@code pr.md} in the test folder. */
  private CliRun releaseToPrdWithPrBody() {
    return fixture.release(
        "shop-api",
        "--env",
        "prd",
        "--image",
        fixture.image("1.1"),
        "--pr-body",
        dir.resolve("pr.md").toString());
  }

  @Test
  void thePullRequestShowsTheFindingsOfTheRepositorysCheckConfiguration() throws Exception {
    // The team's gate names its clusters; the generated labels carry the team 'shop'.
    fixture.write(".minato/check.yaml", "clusterNames: [shop]\n");
    fixture.commitAll("Check configuration");
    CliRun run = releaseToPrdWithPrBody();

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(Files.readString(dir.resolve("pr.md")))
        .contains("With the configuration in `.minato/check.yaml`.")
        .contains(
            "- **error** `no-cluster-name` Deployment/shop/shop-api"
                + " label 'minato.dev/team=shop' names cluster 'shop'")
        .doesNotContain("shop-api: Deployment/shop/shop-api")
        .doesNotContain("No findings");
    assertThat(run.out()).contains("no-cluster-name");
  }

  @Test
  void withoutACheckConfigurationThePullRequestSaysTheDefaultsWereUsed() throws Exception {
    CliRun run = releaseToPrdWithPrBody();

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(Files.readString(dir.resolve("pr.md")))
        .contains("With the default configuration (no .minato/check.yaml).")
        .contains("No findings in the regenerated manifests");
  }

  @Test
  void refusesABrokenCheckConfigurationBeforeWritingAnything() throws Exception {
    fixture.write(".minato/check.yaml", "clusterName: [shop]\n");
    fixture.commitAll("A misspelt check configuration");
    before = fixture.snapshot();

    assertRefusedUnchanged(
        fixture.release("shop-api", "--env", "prd", "--image", fixture.image("1.1")),
        2,
        "check.yaml:1:1: unknown field 'clusterName', did you mean 'clusterNames'?");
  }

  @Test
  void directCommitsOnTheCurrentBranchAndAddsImageToAFlowEnvironment() throws Exception {
    CliRun run =
        fixture.release("shop-api", "--env", "dev", "--image", fixture.image("1.1"), "--direct");

    assertThat(run.exitCode()).as(run.err()).isZero();
    try (Git git = Git.open(fixture.manifests.toFile())) {
      assertThat(git.getRepository().getBranch()).isEqualTo("main");
      assertThat(git.log().call().iterator().next().getShortMessage())
          .isEqualTo("Release shop-api 1.1 to dev");
    }
    assertThat(Files.readString(fixture.manifests.resolve("shop/minato.yaml")))
        .contains("  dev: {image: " + fixture.image("1.1") + ", replicas: {min: 1}}\n");
  }

  @Test
  void pinDigestWritesTagAtDigestAndBaseChangesEveryEnvironment() throws Exception {
    CliRun run =
        fixture.release("shop-api", "--base", "--image", fixture.image("1.1"), "--pin-digest");

    assertThat(run.exitCode()).as(run.err()).isZero();
    String spec = Files.readString(fixture.manifests.resolve("shop/minato.yaml"));
    assertThat(spec)
        .containsPattern(
            "  image: \""
                + java.util.regex.Pattern.quote(fixture.image("1.1"))
                + "@sha256:[0-9a-f]{64}\"   # the base every environment inherits\n");
    assertThat(run.out()).contains("to dev, prd").contains("release/shop-api-all-1.1");
  }

  @Test
  void aRollbackSaysSoAndListsTheCommitsItRemoves() throws Exception {
    CliRun forward =
        fixture.release("shop-api", "--env", "prd", "--image", fixture.image("1.1"), "--direct");
    assertThat(forward.exitCode()).as(forward.err()).isZero();

    CliRun back =
        fixture.release(
            "shop-api",
            "--env",
            "prd",
            "--image",
            fixture.image("1.0"),
            "--direct",
            "--app-repo",
            fixture.appRepo.toString(),
            "--json");

    assertThat(back.exitCode()).as(back.err()).isZero();
    JsonNode json = new ObjectMapper().readTree(back.out());
    assertThat(json.path("rollback").asBoolean()).isTrue();
    assertThat(json.path("commits")).isEmpty();
    assertThat(json.path("removedCommits").findValuesAsText("subject"))
        .containsExactly(
            "Document the API",
            "Merge pull request #13 from shop/feature/totals",
            "Add the cart (#12)");
    try (Git git = Git.open(fixture.manifests.toFile())) {
      assertThat(git.log().call().iterator().next().getFullMessage())
          .startsWith("Release shop-api 1.0 to prd (rollback)\n")
          .contains("Rollback: removes 3 commits:");
    }
  }

  @Test
  void tagMapGivesTheRevisionsWithoutLabelsAndPushReachesTheRemote() throws Exception {
    Path bare = dir.resolve("origin.git");
    Git.init().setBare(true).setDirectory(bare.toFile()).call().close();
    try (Git git = Git.open(fixture.manifests.toFile())) {
      git.remoteAdd()
          .setName("origin")
          .setUri(new org.eclipse.jgit.transport.URIish(bare.toUri().toString()))
          .call();
    }
    Path map = dir.resolve("tags.yaml");
    Files.writeString(
        map,
        "1.0: " + fixture.v10.getName() + "\n1.1: " + fixture.appCommits.get(0).getName() + "\n");

    CliRun run =
        fixture.release(
            "shop-api",
            "--env",
            "prd",
            "--image",
            fixture.image("1.1"),
            "--no-verify-image",
            "--tag-map",
            map.toString(),
            "--app-repo",
            fixture.appRepo.toString(),
            "--push");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out())
        .contains("Image NOT checked in its registry (--no-verify-image)")
        .contains("Add the cart (#12) (Bob)")
        .doesNotContain("Document the API")
        .contains("Pushed release/shop-api-prd-1.1 to origin");
    assertThat(fixture.registry.requests()).isEmpty();
    try (Git remote = Git.open(bare.toFile());
        Git local = Git.open(fixture.manifests.toFile())) {
      assertThat(
              remote
                  .getRepository()
                  .exactRef(Constants.R_HEADS + "release/shop-api-prd-1.1")
                  .getObjectId())
          .isEqualTo(local.getRepository().resolve("HEAD"));
    }
  }

  @Test
  void helpShowsAnExample() {
    CliRun run = CliRun.of("release", "--help");
    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).contains("minato release shop-api --env prd --image");
  }
}
