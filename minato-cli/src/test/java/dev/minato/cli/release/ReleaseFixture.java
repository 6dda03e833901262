package dev.minato.cli.release;

import static org.assertj.core.api.Assertions.assertThat;

import dev.minato.cli.CliRun;
import dev.minato.release.registry.ImageFacts;
import dev.minato.release.registry.TestRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.MergeCommand;
import org.eclipse.jgit.api.Status;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.StoredConfig;
import org.eclipse.jgit.revwalk.RevCommit;

/**
 * Two real git repositories in a temporary folder and a test registry, as a team has them: the
 * app's repository with a history (a squash-merged fix, a merged pull request, a direct commit),
 * its images {@code 1.0} and {@code 1.1} pushed with revision labels, and a manifest repository
 * with two apps' specs and their generated manifests committed.
 */
final class ReleaseFixture implements AutoCloseable {

  static final String SHOP =
      """
      # The shop's API: comments, order and quoting survive a release.
      apiVersion: minato.dev/v1
      kind: App
      metadata:
        name: shop-api
        team: shop
      spec:
        image: "%s/shop/api:1.0"   # the base every environment inherits
        port: 8080
        resources: {cpu: 500m, memory: 512Mi}
        metrics: {path: /metrics}
      environments:
        dev: {replicas: {min: 1}}
        prd:
          # production runs two
          namespace: shop
          replicas: {min: 2}
      """;

  static final String BILLING =
      """
      apiVersion: minato.dev/v1
      kind: App
      metadata: {name: billing}
      spec:
        image: registry.example.com/billing:4.2.0
        port: 8080
        resources: {cpu: 250m, memory: 256Mi}
        metrics: {path: /metrics}
      environments:
        prd: {namespace: billing}
      """;

  final Path root;
  final Path appRepo;
  final Path manifests;
  final TestRegistry registry = TestRegistry.start();
  final List<RevCommit> appCommits = new ArrayList<>();
  RevCommit v10;
  RevCommit v11;

  ReleaseFixture(Path root) throws Exception {
    this.root = root;
    this.appRepo = Files.createDirectories(root.resolve("shop-api"));
    this.manifests = Files.createDirectories(root.resolve("deploy"));
    try (Git git = init(appRepo)) {
      v10 = commit(git, appRepo, "src/App.java", "Initial service", "Ada");
      appCommits.add(commit(git, appRepo, "src/Cart.java", "Add the cart (#12)", "Bob"));
      git.checkout().setCreateBranch(true).setName("feature/totals").call();
      commit(git, appRepo, "src/Total.java", "Totals with tax", "Cy");
      commit(git, appRepo, "src/Total.java", "Round totals", "Cy");
      git.checkout().setName("main").call();
      git.merge()
          .include(git.getRepository().resolve("feature/totals"))
          .setFastForward(MergeCommand.FastForwardMode.NO_FF)
          .setMessage("Merge pull request #13 from shop/feature/totals")
          .call();
      appCommits.add(git.log().setMaxCount(1).call().iterator().next());
      appCommits.add(commit(git, appRepo, "README.md", "Document the API", "Dee"));
      v11 = appCommits.get(appCommits.size() - 1);
    }
    registry.push("shop/api", "1.0", labels(v10));
    registry.push("shop/api", "1.1", labels(v11));
    write("shop/minato.yaml", SHOP.formatted(registry.host()));
    write("billing/minato.yaml", BILLING);
    try (Git git = init(manifests)) {
      CliRun generate =
          CliRun.of("generate", "-q", "-f", manifests.toString(), "-o", out().toString());
      assertThat(generate.exitCode()).as(generate.err()).isZero();
      git.add().addFilepattern(".").call();
      git.commit().setMessage("Specs and manifests").call();
    }
  }

  private static Map<String, String> labels(RevCommit commit) {
    return Map.of(
        ImageFacts.REVISION_LABEL,
        commit.getName(),
        ImageFacts.SOURCE_LABEL,
        "https://git.example.com/shop/api");
  }

  static Git init(Path dir) throws Exception {
    Git git = Git.init().setDirectory(dir.toFile()).setInitialBranch("main").call();
    StoredConfig config = git.getRepository().getConfig();
    config.setString("user", null, "name", "Release Bot");
    config.setString("user", null, "email", "release@example.com");
    config.setBoolean("commit", null, "gpgsign", false);
    config.save();
    return git;
  }

  private static RevCommit commit(Git git, Path dir, String file, String subject, String author)
      throws Exception {
    Path path = dir.resolve(file);
    Files.createDirectories(path.getParent());
    Files.writeString(
        path,
        subject + "\n",
        java.nio.file.StandardOpenOption.CREATE,
        java.nio.file.StandardOpenOption.APPEND);
    git.add().addFilepattern(file).call();
    PersonIdent who = new PersonIdent(author, author.toLowerCase() + "@example.com");
    return git.commit().setMessage(subject).setAuthor(who).setCommitter(who).call();
  }

  Path out() {
    return manifests.resolve("manifests");
  }

  Path write(String relative, String text) throws IOException {
    Path file = manifests.resolve(relative);
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
    return file;
  }

  /** Commits everything in the manifest repository, as a team member's earlier change. */
  void commitAll(String message) throws Exception {
    try (Git git = Git.open(manifests.toFile())) {
      git.add().addFilepattern(".").call();
      git.commit().setMessage(message).call();
    }
  }

  String image(String tag) {
    return registry.host() + "/shop/api:" + tag;
  }

  /** {@code minato release} in the manifest repository with the registry and app repository. */
  CliRun release(String... args) {
    List<String> all =
        new ArrayList<>(
            List.of(
                "release",
                "-f",
                manifests.toString(),
                "-o",
                out().toString(),
                "--plain-http",
                registry.host()));
    all.addAll(List.of(args));
    return CliRun.of(all.toArray(String[]::new));
  }

  /**
   * Every file of the manifest repository, .git's refs and index included, and git's status: two
   * equal snapshots mean nothing was written, committed, staged or checked out.
   */
  Map<String, String> snapshot() throws Exception {
    Map<String, String> files = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(manifests)) {
      for (Path file : walk.filter(Files::isRegularFile).toList()) {
        String relative = manifests.relativize(file).toString();
        if (!relative.startsWith(".git/objects/") && !relative.equals(".git/index")) {
          files.put(
              relative,
              new String(Files.readAllBytes(file), java.nio.charset.StandardCharsets.ISO_8859_1));
        }
      }
    }
    try (Git git = Git.open(manifests.toFile())) {
      Status status = git.status().call();
      files.put("<status>", status.isClean() + " " + status.getUncommittedChanges());
      files.put("<head>", git.getRepository().getFullBranch());
    }
    return files;
  }

  @Override
  public void close() {
    registry.close();
  }
}
