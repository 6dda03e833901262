package dev.minato.cli.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import dev.minato.cli.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A team's walk through minato secrets, mistakes included, in a repository on disk. */
class SecretsJourneyTest {

  static final SecureRandom RANDOM = new SecureRandom();
  static final String PLAIN =
      """
      apiVersion: v1
      kind: Secret
      metadata:
          name: db
      stringData:
          password: hunter2
          user: app
      """;

  @TempDir Path repo;
  Team team;
  Path secret;

  @BeforeEach
  void setUp() throws Exception {
    team = Team.in(repo);
    rules(team.alice().recipient().toString());
    secret = Files.createDirectories(repo.resolve("secrets")).resolve("db.yaml");
    Files.writeString(secret, PLAIN);
  }

  void rules(String recipients) throws Exception {
    Team.rules(repo, "^secrets/.*\\.yaml$", "encrypted_regex: ^(data|stringData)$", recipients);
  }

  /** {@code secrets VERB --age-key-file KEYS} of the secret file. */
  CliRun withKeys(Path keys, String verb) {
    return Team.withKeys(verb, keys, secret);
  }

  CliRun minato(String... args) {
    return CliRun.of(args);
  }

  @Test
  void encryptThenDecryptToStdoutGivesThePlaintextBack() throws Exception {
    CliRun encrypt = minato("secrets", "encrypt", secret.toString());

    assertThat(encrypt.exitCode()).as(encrypt.err()).isZero();
    String encrypted = Files.readString(secret);
    assertThat(encrypted)
        .doesNotContain("hunter2")
        .contains("kind: Secret", "password: ENC[AES256_GCM,", team.alice().recipient().toString());
    CliRun decrypt = withKeys(team.aliceKeys(), "decrypt");
    assertThat(decrypt.exitCode()).as(decrypt.err()).isZero();
    assertThat(decrypt.out()).isEqualTo(PLAIN);
  }

  @Test
  void commentsSurviveEncryptRotateAndDecryptAndOnlyThoseOfEncryptedMappingsAreHidden()
      throws Exception {
    String commented =
        PLAIN
            .replace("kind: Secret\n", "kind: Secret\n# owned by the payments team\n")
            .replace("    password: hunter2\n", "    # rotated monthly\n    password: hunter2\n");
    Files.writeString(secret, commented);

    assertThat(minato("secrets", "encrypt", secret.toString()).exitCode()).isZero();
    String encrypted = Files.readString(secret);
    CliRun rotate = withKeys(team.aliceKeys(), "rotate");
    CliRun decrypt = withKeys(team.aliceKeys(), "decrypt");

    // encrypted_regex ^(data|stringData)$: the top-level comment stays readable, as sops leaves it.
    assertThat(encrypted)
        .contains("# owned by the payments team\n")
        .doesNotContain("rotated monthly")
        .contains("    #ENC[AES256_GCM,");
    assertThat(rotate.exitCode()).as(rotate.err()).isZero();
    assertThat(decrypt.out()).isEqualTo(commented);
  }

  @Test
  void encryptingTwiceIsRefusedAndLeavesTheFile() throws Exception {
    minato("secrets", "encrypt", secret.toString());
    String once = Files.readString(secret);

    CliRun again = minato("secrets", "encrypt", secret.toString());

    assertThat(again.exitCode()).isEqualTo(2);
    assertThat(again.err()).contains("already SOPS-encrypted");
    assertThat(Files.readString(secret)).isEqualTo(once);
  }

  @Test
  void aFileNoCreationRuleMatchesIsRefusedNamingTheRules() throws Exception {
    Path elsewhere = Files.writeString(repo.resolve("other.yaml"), "a: b\n");

    CliRun run = minato("secrets", "encrypt", elsewhere.toString());

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("no creation rule", "other.yaml", "^secrets/.*\\.yaml$");
    assertThat(Files.readString(elsewhere)).isEqualTo("a: b\n");
  }

  @Test
  void theWrongKeyIsExitTwoAndPrintsNoKeyMaterial() throws Exception {
    minato("secrets", "encrypt", secret.toString());

    CliRun run = withKeys(team.bobKeys(), "decrypt");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err())
        .contains(
            "none of the 1 age identities opens the data key", team.alice().recipient().toString())
        .doesNotContain("AGE-SECRET-KEY");
    assertThat(run.out()).isEmpty();
  }

  @Test
  void aTamperedValueIsExitTwoAndNothingIsPrintedOrWritten() throws Exception {
    minato("secrets", "encrypt", secret.toString());
    String encrypted = Files.readString(secret);
    int at = encrypted.indexOf("data:", encrypted.indexOf("password:")) + 5;
    String tampered =
        encrypted.substring(0, at)
            + (encrypted.charAt(at) == 'A' ? 'B' : 'A')
            + encrypted.substring(at + 1);
    Files.writeString(secret, tampered);

    CliRun run = withKeys(team.aliceKeys(), "decrypt");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("stringData.password does not authenticate");
    assertThat(run.out()).isEmpty();
    assertThat(Files.readString(secret)).isEqualTo(tampered);
  }

  @Test
  void editChangesOnlyTheEditedValueAndWipesItsTemporaryFile() throws Exception {
    minato("secrets", "encrypt", secret.toString());
    String before = Files.readString(secret);
    Path seen = repo.resolve("seen-path");
    Path editor = script("echo \"$1\" > " + seen + "\nsed -i 's/hunter2/correct-horse/' \"$1\"\n");

    CliRun run =
        minato(
            "secrets",
            "edit",
            "--age-key-file",
            team.aliceKeys().toString(),
            "--editor",
            "sh " + editor,
            secret.toString());

    assertThat(run.exitCode()).as(run.err()).isZero();
    String after = Files.readString(secret);
    // lastmodified has a resolution of one second: within the same second it stays.
    assertThat(changedKeys(before, after))
        .filteredOn(k -> !k.equals("lastmodified"))
        .containsExactly("password", "mac");
    Path temp = Path.of(Files.readString(seen).strip());
    assertThat(temp).doesNotExist();
    assertThat(temp.getParent()).doesNotExist();
    assertThat(withKeys(team.aliceKeys(), "decrypt").out()).contains("password: correct-horse");
  }

  @Test
  void editWithoutChangesWritesNothing() throws Exception {
    minato("secrets", "encrypt", secret.toString());
    String before = Files.readString(secret);

    CliRun run =
        minato(
            "secrets",
            "edit",
            "--age-key-file",
            team.aliceKeys().toString(),
            "--editor",
            "true",
            secret.toString());

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).contains("no change");
    assertThat(Files.readString(secret)).isEqualTo(before);
  }

  @Test
  void anEditThatDoesNotParseKeepsTheOriginal() throws Exception {
    minato("secrets", "encrypt", secret.toString());
    String before = Files.readString(secret);
    Path editor = script("printf 'stringData: [unclosed\\n' > \"$1\"\n");

    CliRun run =
        minato(
            "secrets",
            "edit",
            "--age-key-file",
            team.aliceKeys().toString(),
            "--editor",
            "sh " + editor,
            secret.toString());

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("not valid YAML", "was kept as it was");
    assertThat(Files.readString(secret)).isEqualTo(before);
  }

  @Test
  void rotateReencryptsEveryValueUnderANewDataKey() throws Exception {
    minato("secrets", "encrypt", secret.toString());
    String before = Files.readString(secret);

    CliRun run = withKeys(team.aliceKeys(), "rotate");

    assertThat(run.exitCode()).as(run.err()).isZero();
    String after = Files.readString(secret);
    assertThat(changedKeys(before, after))
        .contains("password", "user", "mac")
        .doesNotContain("kind", "name");
    assertThat(withKeys(team.aliceKeys(), "decrypt").out()).isEqualTo(PLAIN);
  }

  @Test
  void updatekeysAddsARecipientWithoutTouchingAnyValue() throws Exception {
    minato("secrets", "encrypt", secret.toString());
    String before = Files.readString(secret);
    rules(team.alice().recipient() + "," + team.bob().recipient());

    CliRun run = withKeys(team.aliceKeys(), "updatekeys");

    assertThat(run.exitCode()).as(run.err()).isZero();
    String after = Files.readString(secret);
    assertThat(before.substring(0, before.indexOf("sops:")))
        .isEqualTo(after.substring(0, after.indexOf("sops:")));
    assertThat(after).contains(team.bob().recipient().toString());
    assertThat(withKeys(team.bobKeys(), "decrypt").out()).isEqualTo(PLAIN);
    CliRun again = withKeys(team.aliceKeys(), "updatekeys");
    assertThat(again.out()).contains("already up to date");
    assertThat(Files.readString(secret)).isEqualTo(after);
  }

  @Test
  void decryptWritesAFileOnlyWhenAskedAndOwnerOnly() throws Exception {
    minato("secrets", "encrypt", secret.toString());
    Path out = repo.resolve("plain.yaml");

    CliRun run =
        minato(
            "secrets",
            "decrypt",
            "--age-key-file",
            team.aliceKeys().toString(),
            "--output",
            out.toString(),
            secret.toString());

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).isEmpty();
    assertThat(Files.readString(out)).isEqualTo(PLAIN);
    assertThat(
            java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(out)))
        .isEqualTo("rw-------");
  }

  @Test
  void helpShowsAnExampleForEverySubcommand() {
    for (String sub : List.of("encrypt", "decrypt", "edit", "rotate", "updatekeys")) {
      CliRun help = minato("secrets", sub, "--help");
      assertThat(help.exitCode()).isZero();
      assertThat(help.out()).contains("Examples:", "minato secrets " + sub);
    }
  }

  Path script(String body) throws Exception {
    return Files.writeString(repo.resolve("editor-" + RANDOM.nextInt(1_000_000) + ".sh"), body);
  }

  static List<String> changedKeys(String before, String after) {
    List<String> a = before.lines().toList();
    List<String> b = after.lines().toList();
    assertThat(b).hasSameSizeAs(a);
    List<String> keys = new ArrayList<>();
    for (int i = 0; i < a.size(); i++) {
      if (!a.get(i).equals(b.get(i))) {
        String line = b.get(i).strip();
        keys.add(line.contains(":") ? line.substring(0, line.indexOf(':')) : line);
      }
    }
    return keys;
  }
}
