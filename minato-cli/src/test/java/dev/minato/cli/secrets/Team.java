package dev.minato.cli.secrets;

import dev.minato.cli.CliRun;
import dev.minato.secrets.age.AgeIdentity;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;

/** Two people of a team, each with a fresh age key in a keys file in {@code repo}. */
record Team(AgeIdentity alice, AgeIdentity bob, Path aliceKeys, Path bobKeys) {

  static final SecureRandom RANDOM = new SecureRandom();

  static Team in(Path repo) throws Exception {
    AgeIdentity alice = AgeIdentity.generate(RANDOM);
    AgeIdentity bob = AgeIdentity.generate(RANDOM);
    return new Team(
        alice,
        bob,
        Files.writeString(repo.resolve("alice.txt"), "# alice\n" + alice.encoded() + "\n"),
        Files.writeString(repo.resolve("bob.txt"), bob.encoded() + "\n"));
  }

  /**
   * Writes {@code repo}'s {@code .minato/secrets.yaml} with one creation rule: files matching
   * {@code pathRegex}, the selector line given (such as {@code encrypted_regex: ^data$}), for the
   * age recipients given (comma-separated).
   */
  static void rules(Path repo, String pathRegex, String selector, String recipients)
      throws Exception {
    Files.createDirectories(repo.resolve(".minato"));
    Files.writeString(
        repo.resolve(".minato/secrets.yaml"),
        "creation_rules:\n"
            + "  - path_regex: "
            + pathRegex
            + "\n    "
            + selector
            + "\n    age: "
            + recipients
            + "\n");
  }

  /** {@code minato secrets VERB --age-key-file KEYS FILE}. */
  static CliRun withKeys(String verb, Path keys, Path file) {
    return CliRun.of("secrets", verb, "--age-key-file", keys.toString(), file.toString());
  }
}
