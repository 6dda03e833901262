package dev.minato.cli.release;

import static org.assertj.core.api.Assertions.assertThat;

import dev.minato.cli.CliRun;
import dev.minato.cli.Snapshots;
import dev.minato.cluster.sandbox.Emulator;
import dev.minato.secrets.age.AgeIdentity;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A release as a team walks it: the app's CI pushed 1.1 (labels name its commit), and {@code minato
 * release} on the manifest repository proves the image exists, edits the spec, regenerates the
 * app's manifests, and commits on a release branch whose message and PR body list exactly the
 * commits 1.1 brings; the result passes check and applies to a cluster together with the app's
 * SOPS/age-encrypted Secret, decrypted in memory: the sandbox holds the plaintext, no file does. A
 * natural mistake first: a misspelt environment, refused with nothing changed.
 */
class ReleaseJourneyTest {

  private static final String PASSWORD = "correct-horse-battery-staple";

  @TempDir Path dir;
  ReleaseFixture fixture;
  Emulator cluster;

  @BeforeEach
  void setUp() throws Exception {
    fixture = new ReleaseFixture(dir);
    cluster = Emulator.start(0);
  }

  @AfterEach
  void tearDown() {
    fixture.close();
    cluster.close();
  }

  @Test
  void releasesOnABranchListingTheCommitsAndTheResultAppliesWithItsSecretDecrypted()
      throws Exception {
    // The team keeps the app's Secret encrypted in the manifest repository, for its age key.
    AgeIdentity identity = AgeIdentity.generate(new SecureRandom());
    Path keys = Files.writeString(dir.resolve("keys.txt"), identity.encoded() + "\n");
    fixture.write(
        ".minato/secrets.yaml",
        "creation_rules:\n  - path_regex: ^secrets/\n    encrypted_regex: ^(data|stringData)$\n"
            + "    age: "
            + identity.recipient()
            + "\n");
    Path secret =
        fixture.write(
            "secrets/shop-api-db.yaml",
            "apiVersion: v1\nkind: Secret\nmetadata: {name: shop-api-db, namespace: shop}\n"
                + "stringData:\n  password: "
                + PASSWORD
                + "\n");
    CliRun encrypt = CliRun.of("secrets", "encrypt", secret.toString());
    assertThat(encrypt.exitCode()).as(encrypt.err()).isZero();
    assertThat(Files.readString(secret)).doesNotContain(PASSWORD).contains("ENC[AES256_GCM,");
    fixture.commitAll("The shop's database password, encrypted");
    Path kubeconfig = dir.resolve("kubeconfig");
    cluster.writeKubeconfig(kubeconfig, "sandbox");
    Path namespace =
        Files.writeString(
            dir.resolve("namespace.yaml"),
            "apiVersion: v1\nkind: Namespace\nmetadata: {name: shop}\n");
    CliRun ns =
        CliRun.of(
            "apply",
            "--kubeconfig",
            kubeconfig.toString(),
            "-f",
            namespace.toString(),
            "--inventory-namespace",
            "default");
    assertThat(ns.exitCode()).as(ns.err()).isZero();
    Map<String, String> before = fixture.snapshot();
    CliRun typo = fixture.release("shop-api", "--env", "prod", "--image", fixture.image("1.1"));
    assertThat(typo.exitCode()).isEqualTo(2);
    assertThat(typo.err()).contains("no environment 'prod'").contains("did you mean 'prd'");
    assertThat(fixture.snapshot()).isEqualTo(before);

    Path body = dir.resolve("pr.md");
    CliRun run =
        fixture.release(
            "shop-api",
            "--env",
            "prd",
            "--image",
            fixture.image("1.1"),
            "--app-repo",
            fixture.appRepo.toString(),
            "--pr-body",
            body.toString(),
            "--kubeconfig",
            kubeconfig.toString());

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out())
        .contains("Released shop-api " + fixture.image("1.1") + " to prd")
        .contains("Committed on new branch release/shop-api-prd-1.1")
        .contains("minato check: 0 findings")
        .contains("Server dry run: passed");
    List<String> expected =
        fixture.appCommits.stream()
            .map(c -> c.getName().substring(0, 12))
            .collect(
                java.util.stream.Collectors.collectingAndThen(
                    java.util.stream.Collectors.toList(),
                    l -> {
                      java.util.Collections.reverse(l);
                      return l;
                    }));
    try (Git git = Git.open(fixture.manifests.toFile())) {
      assertThat(git.getRepository().getBranch()).isEqualTo("release/shop-api-prd-1.1");
      RevCommit commit = git.log().setMaxCount(1).call().iterator().next();
      String message = commit.getFullMessage();
      assertThat(message).startsWith("Release shop-api 1.1 to prd\n");
      assertThat(commitLines(message))
          .containsExactly(
              "- " + expected.get(0) + " Document the API (Dee)",
              "- "
                  + expected.get(1)
                  + " Merge pull request #13 from shop/feature/totals (Release Bot)",
              "- " + expected.get(2) + " Add the cart (#12) (Bob)");
      assertThat(git.status().call().isClean()).isTrue();
    }
    String pr = Files.readString(body);
    assertThat(pr)
        .contains("### Commits (3)")
        .contains(
            "`"
                + expected.get(1)
                + "` Merge pull request #13 from shop/feature/totals — Release Bot (PR #13)")
        .contains("`" + expected.get(2) + "` Add the cart (#12) — Bob (PR #12)")
        .doesNotContain("Totals with tax")
        .contains("+    image: " + fixture.image("1.1"))
        .contains("No findings in the regenerated manifests");
    // The spec changed in one place, keeping its comments and quoting.
    assertThat(Files.readString(fixture.manifests.resolve("shop/minato.yaml")))
        .isEqualTo(
            ReleaseFixture.SHOP
                .formatted(fixture.registry.host())
                .replace(
                    "  prd:\n    # production runs two\n",
                    "  prd:\n    # production runs two\n    image: "
                        + fixture.image("1.1")
                        + "\n"));

    CliRun apply =
        CliRun.of(
            "apply",
            "--kubeconfig",
            kubeconfig.toString(),
            "-k",
            fixture.out().resolve("shop-api/overlays/prd").toString(),
            "-f",
            secret.toString(),
            "--age-key-file",
            keys.toString());
    assertThat(apply.exitCode()).as(apply.err() + apply.out()).isZero();
    assertThat(apply.out()).contains("shop-api").doesNotContain("0 created");
    try (KubernetesClient client =
        new KubernetesClientBuilder()
            .withConfig(Config.fromKubeconfig(Files.readString(kubeconfig)))
            .build()) {
      assertThat(client.apps().deployments().inNamespace("shop").withName("shop-api").get())
          .extracting(d -> d.getSpec().getTemplate().getSpec().getContainers().get(0).getImage())
          .isEqualTo(fixture.image("1.1"));
      Secret stored = client.secrets().inNamespace("shop").withName("shop-api-db").get();
      assertThat(plaintext(stored, "password")).isEqualTo(PASSWORD);
      assertThat(stored.getAdditionalProperties()).doesNotContainKey("sops");
    }
    // Everything the journey wrote (both repositories, the PR body, the key's folder): no file
    // holds the password, and neither does anything the commands printed.
    assertThat(Snapshots.filesContaining(dir, PASSWORD)).isEmpty();
    assertThat(run.out() + run.err() + apply.out() + apply.err()).doesNotContain(PASSWORD);
  }

  private static String plaintext(Secret secret, String key) {
    if (secret.getStringData() != null && secret.getStringData().containsKey(key)) {
      return secret.getStringData().get(key);
    }
    return new String(
        Base64.getDecoder().decode(secret.getData().get(key)), StandardCharsets.UTF_8);
  }

  private static List<String> commitLines(String message) {
    return message.lines().filter(l -> l.startsWith("- ")).toList();
  }

  @Test
  void regeneratesExactlyWhatGenerateWritesAndNothingElse() throws Exception {
    Path copy = dir.resolve("by-hand");
    Files.createDirectories(copy);
    CliRun run =
        fixture.release(
            "shop-api", "--env", "prd", "--image", fixture.image("1.1"), "--no-verify-image");
    assertThat(run.exitCode()).as(run.err()).isZero();

    // The same change by hand, then 'minato generate': the trees must be equal byte for byte.
    Files.createDirectories(copy.resolve("shop"));
    Files.createDirectories(copy.resolve("billing"));
    Files.copy(fixture.manifests.resolve("shop/minato.yaml"), copy.resolve("shop/minato.yaml"));
    Files.copy(
        fixture.manifests.resolve("billing/minato.yaml"), copy.resolve("billing/minato.yaml"));
    CliRun generate =
        CliRun.of(
            "generate", "-q", "-f", copy.toString(), "-o", copy.resolve("manifests").toString());
    assertThat(generate.exitCode()).as(generate.err()).isZero();
    Map<String, String> released = Snapshots.files(fixture.out());
    assertThat(released).isEqualTo(Snapshots.files(copy.resolve("manifests")));
    try (Git git = Git.open(fixture.manifests.toFile())) {
      assertThat(
              git.diff().setOldTree(tree(git, "main")).setNewTree(tree(git, "HEAD")).call().stream()
                  .map(d -> d.getNewPath())
                  .toList())
          .allMatch(p -> p.equals("shop/minato.yaml") || p.startsWith("manifests/shop-api/"))
          .contains(
              "shop/minato.yaml", "manifests/shop-api/overlays/prd/patch-deployment-shop-api.yaml");
    }
  }

  private static org.eclipse.jgit.treewalk.AbstractTreeIterator tree(Git git, String rev)
      throws Exception {
    var reader = git.getRepository().newObjectReader();
    var parser = new org.eclipse.jgit.treewalk.CanonicalTreeParser();
    parser.reset(reader, git.getRepository().resolve(rev + "^{tree}"));
    return parser;
  }
}
