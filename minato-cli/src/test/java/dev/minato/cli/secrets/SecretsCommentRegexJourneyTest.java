package dev.minato.cli.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import dev.minato.cli.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A team that marks its secrets with comments ({@code # sops:enc}, sops's {@code
 * encrypted_comment_regex}) walks through every secrets subcommand, mistakes included.
 */
class SecretsCommentRegexJourneyTest {

  static final String PLAIN =
      """
      service: shop
      # sops:enc
      password: hunter2
      replicas: 3
      db:
          host: db.example
          # sops:enc
          user: app
      """;

  @TempDir Path repo;
  Team team;
  Path values;

  @BeforeEach
  void setUp() throws Exception {
    team = Team.in(repo);
    rules(team.alice().recipient().toString(), "encrypted_comment_regex: sops:enc");
    values = Files.createDirectories(repo.resolve("secrets")).resolve("values.yaml");
    Files.writeString(values, PLAIN);
  }

  void rules(String recipients, String selector) throws Exception {
    Team.rules(repo, "^secrets/", selector, recipients);
  }

  /** {@code secrets VERB --age-key-file KEYS} of the values file. */
  CliRun withKeys(Path keys, String verb) {
    return Team.withKeys(verb, keys, values);
  }

  CliRun minato(String... args) {
    return CliRun.of(args);
  }

  /** {@code encrypt --age alice FLAGS… values.yaml}, without the creation rules. */
  CliRun encryptForAlice(String... flags) {
    List<String> args =
        new ArrayList<>(
            List.of("secrets", "encrypt", "--age", team.alice().recipient().toString()));
    args.addAll(List.of(flags));
    args.add(values.toString());
    return minato(args.toArray(String[]::new));
  }

  String decrypted(Path keys) {
    CliRun run = withKeys(keys, "decrypt");
    assertThat(run.exitCode()).as(run.err()).isZero();
    return run.out();
  }

  @Test
  void encryptFollowsTheCreationRulesCommentMarksAndRecordsTheRule() throws Exception {
    CliRun run = minato("secrets", "encrypt", values.toString());

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(Files.readString(values))
        .contains("service: shop\n# sops:enc\npassword: ENC[AES256_GCM,")
        .contains("replicas: 3\n", "    host: db.example\n", "    user: ENC[AES256_GCM,")
        .contains("    encrypted_comment_regex: sops:enc\n")
        .doesNotContain("hunter2", "unencrypted_suffix");
    assertThat(decrypted(team.aliceKeys())).isEqualTo(PLAIN);
  }

  @Test
  void theEncryptFlagGivesTheSameRuleWithoutACreationRule() throws Exception {
    Files.delete(repo.resolve(".minato/secrets.yaml"));

    CliRun run = encryptForAlice("--encrypted-comment-regex", "sops:enc", "--mac-only-encrypted");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(Files.readString(values))
        .contains("password: ENC[", "replicas: 3\n")
        .contains("    encrypted_comment_regex: sops:enc\n    mac_only_encrypted: true\n");
    assertThat(decrypted(team.aliceKeys())).isEqualTo(PLAIN);
  }

  @Test
  void editAddingAMarkEncryptsTheValueBelowIt() throws Exception {
    minato("secrets", "encrypt", values.toString());
    Path editor =
        Files.writeString(
            repo.resolve("editor.sh"),
            "sed -i 's/^replicas: 3$/# sops:enc\\nreplicas: 3/' \"$1\"\n");

    CliRun run =
        minato(
            "secrets",
            "edit",
            "--age-key-file",
            team.aliceKeys().toString(),
            "--editor",
            "sh " + editor,
            values.toString());

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(Files.readString(values))
        .contains("# sops:enc\nreplicas: ENC[AES256_GCM,")
        .doesNotContain("replicas: 3");
    assertThat(decrypted(team.aliceKeys())).contains("# sops:enc\nreplicas: 3\n");
  }

  @Test
  void rotateKeepsTheRuleAndLeavesTheUnmarkedValuesInClear() throws Exception {
    minato("secrets", "encrypt", values.toString());
    String before = Files.readString(values);

    CliRun run = withKeys(team.aliceKeys(), "rotate");

    assertThat(run.exitCode()).as(run.err()).isZero();
    String after = Files.readString(values);
    assertThat(after)
        .isNotEqualTo(before)
        .contains("replicas: 3\n", "    host: db.example\n", "encrypted_comment_regex: sops:enc");
    assertThat(decrypted(team.aliceKeys())).isEqualTo(PLAIN);
  }

  @Test
  void updatekeysRewrapsForANewRecipientAndKeepsEveryValue() throws Exception {
    minato("secrets", "encrypt", values.toString());
    String before = Files.readString(values);
    rules(
        team.alice().recipient() + "," + team.bob().recipient(),
        "encrypted_comment_regex: sops:enc");

    CliRun run = withKeys(team.aliceKeys(), "updatekeys");

    assertThat(run.exitCode()).as(run.err()).isZero();
    String after = Files.readString(values);
    assertThat(after.substring(0, after.indexOf("sops:\n")))
        .isEqualTo(before.substring(0, before.indexOf("sops:\n")));
    assertThat(decrypted(team.bobKeys())).isEqualTo(PLAIN);
  }

  @Test
  void twoSelectorFlagsAreRefusedAndTheFileIsLeft() throws Exception {
    CliRun run =
        encryptForAlice("--encrypted-regex", "^password$", "--encrypted-comment-regex", "sops:enc");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err())
        .contains("--encrypted-regex and --encrypted-comment-regex cannot be used together");
    assertThat(Files.readString(values)).isEqualTo(PLAIN);
  }

  @Test
  void aSelectorFlagBesideTheRulesOtherSelectorIsRefused() throws Exception {
    CliRun run = minato("secrets", "encrypt", "--encrypted-regex", "^password$", values.toString());

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err())
        .contains(
            "--encrypted-regex cannot be used with the creation rule's encrypted_comment_regex");
    assertThat(Files.readString(values)).isEqualTo(PLAIN);
  }

  @Test
  void aFlagReplacesTheRulesValueOfTheSameField() throws Exception {
    CliRun run =
        minato("secrets", "encrypt", "--encrypted-comment-regex", "^ secret$", values.toString());

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(Files.readString(values))
        .contains("password: hunter2\n", "encrypted_comment_regex: ^ secret$");
  }

  @Test
  void aRuleThatSelectsNoValueWarnsThatEverythingIsStillInClear() throws Exception {
    CliRun run = encryptForAlice("--encrypted-comment-regex", "no such mark");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).contains("(0 values)");
    assertThat(run.err())
        .contains(
            "warning: encrypted_comment_regex 'no such mark' selected no value of "
                + values
                + ": every value is still in clear");
  }

  @Test
  void encryptSaysHowManyValuesItEncrypted() throws Exception {
    CliRun run = minato("secrets", "encrypt", values.toString());

    assertThat(run.out()).contains("encrypted " + values + " (2 values)");
    assertThat(run.err()).doesNotContain("warning");
  }

  @Test
  void aFlagRegexThatDoesNotCompileIsRefused() throws Exception {
    CliRun run = encryptForAlice("--unencrypted-comment-regex", "(open");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("--unencrypted-comment-regex: not a regular expression");
    assertThat(Files.readString(values)).isEqualTo(PLAIN);
  }

  @Test
  void aCreationRuleWithTwoSelectorsIsRefusedAtFileLineColumn() throws Exception {
    rules(
        team.alice().recipient().toString(),
        "encrypted_comment_regex: sops:enc\n    unencrypted_suffix: _plain");

    CliRun run = minato("secrets", "encrypt", values.toString());

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err())
        .contains(
            ".minato/secrets.yaml:4:25: creation_rules[0].unencrypted_suffix: cannot be used"
                + " with encrypted_comment_regex");
    assertThat(Files.readString(values)).isEqualTo(PLAIN);
  }

  @Test
  void decryptOfAFileWhoseMetadataHasTwoSelectorsNamesTheFieldsLine() throws Exception {
    minato("secrets", "encrypt", values.toString());
    String encrypted = Files.readString(values);
    int line = (int) encrypted.lines().takeWhile(l -> !l.contains("version:")).count() + 1;
    Files.writeString(
        values, encrypted.replace("    version:", "    unencrypted_regex: ^x$\n    version:"));

    CliRun run = withKeys(team.aliceKeys(), "decrypt");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.out()).isEmpty();
    assertThat(run.err())
        .contains(
            values
                + ":"
                + line
                + ":5: sops.unencrypted_regex and sops.encrypted_comment_regex are both set");
  }
}
