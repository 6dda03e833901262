package dev.minato.cli.secrets;

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
}
