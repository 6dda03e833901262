package dev.minato.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.minato.secrets.age.AgeIdentity;
import dev.minato.secrets.sops.EncryptionRules;
import dev.minato.secrets.sops.SopsDocument;
import dev.minato.secrets.sops.SopsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CreationRulesTest {

  static final String A = AgeIdentity.generate(new SecureRandom()).recipient().toString();
  static final String B = AgeIdentity.generate(new SecureRandom()).recipient().toString();

  @TempDir Path repo;

  Path config(String yaml) throws Exception {
    Files.createDirectories(repo.resolve(".minato"));
    return Files.writeString(repo.resolve(CreationRules.FILE), yaml);
  }

  static AbstractThrowableAssert<?, ? extends Throwable> refused(Path config) {
    return assertThatThrownBy(() -> CreationRules.read(config)).isInstanceOf(SopsException.class);
  }

  @Test
  void theFirstRuleWhosePathRegexIsFoundInTheRelativePathApplies() throws Exception {
    config(
        "creation_rules:\n  - path_regex: ^secrets/prd/\n    age: "
            + A
            + ","
            + B
            + "\n  - path_regex: ^secrets/\n    age: ["
            + B
            + "]\n");
    Path prd = Files.createDirectories(repo.resolve("secrets/prd")).resolve("db.yaml");
    Path dev = Files.createDirectories(repo.resolve("secrets/dev")).resolve("db.yaml");

    CreationRules rules = CreationRules.find(prd).orElseThrow();

    assertThat(rules.settingsFor(prd).recipients()).hasToString("[" + A + ", " + B + "]");
    assertThat(rules.settingsFor(dev).recipients()).hasToString("[" + B + "]");
  }

  @Test
  void anUnknownFieldIsNamedWithItsRule() throws Exception {
    Path config = config("creation_rules:\n  - path_regex: x\n    pgp: ABC\n    age: " + A + "\n");

    refused(config).hasMessageContaining("creation_rules[0]: unknown field 'pgp'");
  }

  @Test
  void twoEncryptionRulesInOneRuleAreRefusedAsSopsDoes() throws Exception {
    Path config =
        config(
            "creation_rules:\n  - age: "
                + A
                + "\n    encrypted_regex: a\n    unencrypted_suffix: _x\n");

    refused(config).hasMessageContaining("at most one of");
  }

  @Test
  void aCommentRegexAndAKeyRegexInOneRuleAreRefusedAtTheSecondField() throws Exception {
    Path config =
        config(
            "creation_rules:\n  - age: "
                + A
                + "\n    encrypted_regex: ^data$\n    encrypted_comment_regex: sops:enc\n");

    refused(config)
        .hasMessageStartingWith(
            config
                + ":4:30: creation_rules[0].encrypted_comment_regex: cannot be used with"
                + " encrypted_regex");
  }

  @Test
  void aCommentRegexThatDoesNotCompileIsRefusedAtItsValue() throws Exception {
    Path config =
        config(
            "creation_rules:\n  - path_regex: ^secrets/\n    age: "
                + A
                + "\n    unencrypted_comment_regex: '[open'\n");

    refused(config)
        .hasMessageStartingWith(
            config
                + ":4:32: creation_rules[0].unencrypted_comment_regex: not a regular expression");
  }

  @Test
  void aPathRegexThatDoesNotCompileIsRefusedAtItsValue() throws Exception {
    Path config = config("creation_rules:\n  - path_regex: (x\n    age: " + A + "\n");

    refused(config).hasMessageStartingWith(config + ":2:17: creation_rules[0].path_regex:");
  }

  @Test
  void commentRegexesAndMacOnlyEncryptedAreReadIntoTheRule() throws Exception {
    config(
        "creation_rules:\n  - path_regex: values\n    encrypted_comment_regex: sops:enc\n"
            + "    mac_only_encrypted: true\n    age: "
            + A
            + "\n");
    Path file = repo.resolve("values.yaml");

    SopsDocument.Settings settings = CreationRules.find(file).orElseThrow().settingsFor(file);

    assertThat(settings.rules())
        .isEqualTo(
            new EncryptionRules(
                new EncryptionRules.Selector(
                    EncryptionRules.Kind.ENCRYPTED_COMMENT_REGEX, "sops:enc"),
                true));
  }

  @Test
  void aMacOnlyEncryptedThatIsNotABooleanIsRefusedAtItsValue() throws Exception {
    Path config = config("creation_rules:\n  - age: " + A + "\n    mac_only_encrypted: \"yes\"\n");

    refused(config)
        .hasMessageStartingWith(
            config + ":3:25: creation_rules[0].mac_only_encrypted: expected true or false");
  }

  @Test
  void anUnknownFieldIsRefusedAtItsKeyWithASuggestion() throws Exception {
    Path config = config("creation_rules:\n  - age: " + A + "\n    encrypted_coment_regex: x\n");

    refused(config)
        .hasMessageStartingWith(config + ":3:5: creation_rules[0]: unknown field")
        .hasMessageEndingWith("did you mean 'encrypted_comment_regex'?");
  }
}
