package dev.minato.cli.demo;

import dev.minato.cli.UserError;
import dev.minato.release.Release;
import dev.minato.release.ReleaseException;
import dev.minato.release.ReleaseOutcome;
import dev.minato.release.ReleaseRequest;
import dev.minato.render.layout.Layout;
import dev.minato.render.layout.OutputDirectory;
import dev.minato.spec.read.SpecException;
import dev.minato.spec.read.SpecLoader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.revwalk.RevCommit;

/**
 * The release step of the demo, offline: an app repository with three commits and a manifest
 * repository are made in a temporary folder, and {@code shop} 1.1 is released into {@code prd}. No
 * registry is asked (the demo stays on this machine), which the output says; the change log comes
 * from a tag→commit map, as {@code --tag-map} gives it.
 */
final class ReleaseDemo {

  private static final String SPEC =
      """
      apiVersion: minato.dev/v1
      kind: App
      metadata: {name: shop}
      spec:
        image: registry.example.com/shop:1.0   # released by 'minato release'
        port: 8080
        resources: {cpu: 250m, memory: 256Mi}
      environments:
        prd:
          namespace: shop
      """;

  private ReleaseDemo() {}

  static void run(PrintWriter out) {
    try {
      Path root = Files.createTempDirectory("minato-release-demo-");
      Path app = Files.createDirectories(root.resolve("shop-app"));
      Path repo = Files.createDirectories(root.resolve("deploy"));
      String v10;
      String v11;
      try (Git git = Git.init().setDirectory(app.toFile()).setInitialBranch("main").call()) {
        v10 = commit(git, app, "Initial shop");
        commit(git, app, "Add the basket (#7)");
        v11 = commit(git, app, "Faster checkout (#9)");
      }
      Files.createDirectories(repo.resolve("shop"));
      Files.writeString(repo.resolve("shop/minato.yaml"), SPEC);
      OutputDirectory.replace(
          repo.resolve("manifests"), Layout.KUSTOMIZE.write(SpecLoader.load(List.of(repo))));
      try (Git git = Git.init().setDirectory(repo.toFile()).setInitialBranch("main").call()) {
        git.add().addFilepattern(".").call();
        git.commit().setMessage("shop 1.0").setAuthor(demo()).setCommitter(demo()).call();
      }
      ReleaseOutcome outcome =
          Release.run(
              new ReleaseRequest(
                  repo,
                  repo.resolve("manifests"),
                  "shop",
                  Optional.of("prd"),
                  "registry.example.com/shop:1.1",
                  false,
                  Optional.empty(),
                  Optional.of(app),
                  Map.of("1.0", v10, "1.1", v11),
                  false));
      out.println(
          "minato release shop --env prd --image registry.example.com/shop:1.1 --app-repo "
              + app
              + " --tag-map tags.yaml --no-verify-image");
      out.println(
          "(offline demo: --no-verify-image skips the registry check a real release makes)");
      out.println("Committed on branch " + outcome.branch().orElseThrow() + " in " + repo + ":");
      new TreeSet<>(outcome.after().keySet()).forEach(p -> out.println("  " + p));
      out.println("Commit message:");
      outcome.message().lines().forEach(line -> out.println("  | " + line));
    } catch (IOException | GitAPIException | SpecException e) {
      throw UserError.environment("the release demo failed: " + e.getMessage());
    } catch (ReleaseException e) {
      throw UserError.environment("the release demo failed: " + e.getMessage());
    }
  }

  private static PersonIdent demo() {
    return new PersonIdent("minato demo", "demo@minato.dev");
  }

  private static String commit(Git git, Path dir, String subject)
      throws IOException, GitAPIException {
    Files.writeString(
        dir.resolve("CHANGES"),
        subject + "\n",
        java.nio.file.StandardOpenOption.CREATE,
        java.nio.file.StandardOpenOption.APPEND);
    git.add().addFilepattern("CHANGES").call();
    RevCommit commit =
        git.commit().setMessage(subject).setAuthor(demo()).setCommitter(demo()).call();
    return commit.getName();
  }
}
