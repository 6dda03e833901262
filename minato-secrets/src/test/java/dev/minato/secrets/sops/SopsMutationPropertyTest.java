package dev.minato.secrets.sops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.minato.secrets.age.AgeIdentity;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Every single-byte change of an encrypted file is detected. "Detected" means decryption is refused
 * (the file no longer parses, a value does not authenticate, the data key cannot be unwrapped, or
 * the MAC does not match). The only other outcome allowed is a change that is not significant: the
 * decrypted tree is exactly the original, as when the byte is YAML layout the parser ignores, or
 * metadata that SOPS does not authenticate and decryption does not use ({@code version}, an age
 * stanza's {@code recipient} label, a suffix rule that selects the same values). The file encrypts
 * every value, so every key lies on the path of an encrypted value and so inside some value's
 * additional data.
 */
class SopsMutationPropertyTest {

  private static final long SEED = 20261130L;

  @Test
  void everySingleByteMutationIsRefusedOrLeavesThePlaintextIdentical() throws Exception {
    SecureRandom random = new SecureRandom();
    AgeIdentity identity = AgeIdentity.generate(random);
    ObjectNode plain =
        SopsFormat.YAML.read(
            "user: app\npassword: hunter2\nport: 5432\nflags:\n  - true\n  - 0.5\n", "plain");
    String encrypted =
        SopsFormat.YAML.write(
            SopsDocument.encrypt(
                plain,
                new SopsDocument.Settings(
                    List.of(identity.recipient()), EncryptionRules.defaults()),
                Optional.empty(),
                SopsDocumentTest.T1,
                random));
    byte[] bytes = encrypted.getBytes(StandardCharsets.UTF_8);
    Random mutations = new Random(SEED);
    int refused = 0;
    for (int i = 0; i < bytes.length; i++) {
      byte[] mutated = bytes.clone();
      byte replacement;
      do {
        replacement = (byte) (32 + mutations.nextInt(95));
      } while (replacement == bytes[i]);
      mutated[i] = replacement;
      String text = new String(mutated, StandardCharsets.UTF_8);
      try {
        ObjectNode result =
            SopsDocument.decrypt(SopsFormat.YAML.read(text, "mutated"), List.of(identity))
                .plaintext();
        assertThat(result)
            .as("byte %d changed from '%c' to '%c' was accepted", i, bytes[i], replacement)
            .isEqualTo(plain);
      } catch (SopsException expected) {
        refused++;
      }
    }
    assertThat(refused).as("refused mutations").isGreaterThan(bytes.length * 9 / 10);
  }
}
