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
    int[] counts =
        mutate(
            encrypted,
            (text, why) ->
                assertThat(
                        SopsDocument.decrypt(
                                SopsFormat.YAML.read(text, "mutated"), List.of(identity))
                            .plaintext())
                    .as(why)
                    .isEqualTo(plain));
    assertThat(counts[0]).as("refused mutations").isGreaterThan(counts[1] * 9 / 10);
  }

  /**
   * The same property for a file whose values are chosen by comment marks: only the value below a
   * mark is encrypted. Comments are outside the MAC and so are the keys of clear values (as in
   * SOPS), so a change there may be accepted; what must hold is that no accepted change alters a
   * value, an encrypted value's key path, or which values are encrypted.
   */
  @Test
  void everySingleByteMutationOfACommentMarkedFileKeepsTheValuesOrIsRefused() throws Exception {
    SecureRandom random = new SecureRandom();
    AgeIdentity identity = AgeIdentity.generate(random);
    String plainText =
        "user: app\n# sops:enc\npassword: hunter2\nport: 5432\n"
            + "db:\n    # sops:enc\n    token: t0k3n\n    host: h\n";
    ObjectNode plain = SopsFormat.YAML.read(plainText, "plain");
    EncryptionRules marks =
        new EncryptionRules(
            new EncryptionRules.Selector(EncryptionRules.Kind.ENCRYPTED_COMMENT_REGEX, "sops:enc"),
            false);
    SopsDocument.Sealed sealed =
        SopsDocument.encrypt(
            plain,
            SopsFormat.YAML.comments(plainText),
            new SopsDocument.Settings(List.of(identity.recipient()), marks),
            Optional.empty(),
            SopsDocumentTest.T1,
            random);
    String encrypted = SopsFormat.YAML.write(sealed.tree(), sealed.comments());
    int[] counts =
        mutate(
            encrypted,
            (text, why) -> {
              ObjectNode result =
                  SopsDocument.decrypt(
                          SopsFormat.YAML.read(text, "mutated"),
                          SopsFormat.YAML.comments(text),
                          List.of(identity))
                      .plaintext();
              assertThat(values(result)).as(why).isEqualTo(values(plain));
              assertThat(result.path("password").asText()).as(why).isEqualTo("hunter2");
              assertThat(result.path("db").path("token").asText()).as(why).isEqualTo("t0k3n");
            });
    assertThat(counts[0]).as("refused mutations").isGreaterThan(counts[1] * 8 / 10);
  }

  /** What is checked of a mutated file that decrypts. */
  private interface Accepted {
    void check(String text, String why) throws SopsException;
  }

  /**
   * Replaces each byte of {@code encrypted} in turn by a different printable byte (seeded) and
   * checks every mutated file that decrypts; returns the refusals and the number of mutations.
   */
  private static int[] mutate(String encrypted, Accepted accepted) {
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
      try {
        accepted.check(
            new String(mutated, StandardCharsets.UTF_8),
            String.format(
                "byte %d changed from '%c' to '%c' was accepted", i, bytes[i], replacement));
      } catch (SopsException expected) {
        refused++;
      }
    }
    return new int[] {refused, bytes.length};
  }

  /** Every leaf's text, in document order. */
  private static List<String> values(com.fasterxml.jackson.databind.JsonNode node) {
    List<String> out = new java.util.ArrayList<>();
    if (node.isContainerNode()) {
      node.elements().forEachRemaining(child -> out.addAll(values(child)));
    } else {
      out.add(node.asText());
    }
    return out;
  }
}
