package dev.minato.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.minato.secrets.age.AgeIdentity;
import dev.minato.secrets.sops.SopsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
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

    assertThatThrownBy(() -> CreationRules.read(config))
        .isInstanceOf(SopsException.class)
        .hasMessageContaining("creation_rules[0]: unknown field 'pgp'");
  }

  @Test
  void twoEncryptionRulesInOneRuleAreRefusedAsSopsDoes() throws Exception {
    Path config =
        config(
            "creation_rules:\n  - age: "
                + A
                + "\n    encrypted_regex: a\n    unencrypted_suffix: _x\n");

    assertThatThrownBy(() -> CreationRules.read(config))
        .isInstanceOf(SopsException.class)
        .hasMessageContaining("at most one of");
  }
}
