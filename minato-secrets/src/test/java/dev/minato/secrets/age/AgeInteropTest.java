package dev.minato.secrets.age;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.minato.secrets.testing.AgeTool;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** minato's age against the real age 1.x binaries, both directions, one chunk and many. */
class AgeInteropTest {

  private static final SecureRandom RANDOM = new SecureRandom();

  @TempDir Path dir;

  @Test
  void anIdentityFromAgeKeygenYieldsTheRecipientAgeKeygenPrints() throws Exception {
    AgeTool.GeneratedKey key = AgeTool.keygen(dir, "key.txt");

    List<AgeIdentity> identities =
        AgeIdentity.parseAll(Files.readString(key.file()), key.file().toString());

    assertThat(identities).hasSize(1);
    assertThat(identities.get(0).recipient()).hasToString(key.recipient());
    assertThat(AgeRecipient.parse(key.recipient())).isEqualTo(identities.get(0).recipient());
  }

  @Test
  void aDataKeyMinatoWrapsDecryptsWithAgeDashD() throws Exception {
    AgeTool.GeneratedKey key = AgeTool.keygen(dir, "key.txt");
    byte[] dataKey = new byte[32];
    RANDOM.nextBytes(dataKey);

    String armored =
        AgeArmor.armor(Age.encrypt(dataKey, List.of(AgeRecipient.parse(key.recipient())), RANDOM));
    byte[] opened =
        AgeTool.run(
            armored.getBytes(StandardCharsets.US_ASCII), "age", "-d", "-i", key.file().toString());

    assertThat(opened).isEqualTo(dataKey);
  }

  @Test
  void aFileAgeDashEWrappedOpensInMinato() throws Exception {
    AgeTool.GeneratedKey key = AgeTool.keygen(dir, "key.txt");
    byte[] secret = "a data key, or anything".getBytes(StandardCharsets.UTF_8);

    byte[] armored = AgeTool.run(secret, "age", "-e", "-a", "-r", key.recipient());

    List<AgeIdentity> identities = AgeIdentity.parseAll(Files.readString(key.file()), "key.txt");
    byte[] opened =
        Age.decrypt(AgeArmor.dearmor(new String(armored, StandardCharsets.US_ASCII)), identities);
    assertThat(opened).isEqualTo(secret);
  }

  @Test
  void multiChunkPayloadsAndSeveralRecipientsInteroperateBothWays() throws Exception {
    AgeTool.GeneratedKey first = AgeTool.keygen(dir, "first.txt");
    AgeTool.GeneratedKey second = AgeTool.keygen(dir, "second.txt");
    for (int size : new int[] {0, 1, 64 * 1024, 64 * 1024 + 1, 3 * 64 * 1024 + 17}) {
      byte[] plain = new byte[size];
      new Random(size).nextBytes(plain);

      byte[] ours =
          Age.encrypt(
              plain,
              List.of(
                  AgeRecipient.parse(first.recipient()), AgeRecipient.parse(second.recipient())),
              RANDOM);
      assertThat(AgeTool.run(ours, "age", "-d", "-i", second.file().toString()))
          .as("age -d of minato's %d bytes", size)
          .isEqualTo(plain);

      byte[] theirs =
          AgeTool.run(plain, "age", "-e", "-r", first.recipient(), "-r", second.recipient());
      assertThat(
              Age.decrypt(
                  theirs, AgeIdentity.parseAll(Files.readString(first.file()), "first.txt")))
          .as("minato's decryption of age's %d bytes", size)
          .isEqualTo(plain);
    }
  }

  @Test
  void ageRefusesAFileMinatoWrappedWhenOnePayloadByteIsFlipped() throws Exception {
    AgeTool.GeneratedKey key = AgeTool.keygen(dir, "key.txt");
    byte[] file = Age.encrypt(new byte[40], List.of(AgeRecipient.parse(key.recipient())), RANDOM);
    file[file.length - 3] ^= 1;

    assertThatThrownBy(() -> AgeTool.run(file, "age", "-d", "-i", key.file().toString()))
        .isInstanceOf(AgeTool.AgeToolFailed.class);
    assertThatThrownBy(
            () -> Age.decrypt(file, AgeIdentity.parseAll(Files.readString(key.file()), "key.txt")))
        .isInstanceOf(AgeException.class)
        .hasMessageContaining("altered");
  }
}
