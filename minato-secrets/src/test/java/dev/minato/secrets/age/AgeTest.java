package dev.minato.secrets.age;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.List;
import org.junit.jupiter.api.Test;

class AgeTest {

  /*
   * Test vector from the SOPS project, age/keysource_test.go (mockIdentity, mockEncryptedKey,
   * mockEncryptedKeyPlain), https://github.com/getsops/sops, Mozilla Public License 2.0.
   * The file was written by filippo.io/age; its plaintext is "data".
   */
  static final String SOPS_MOCK_IDENTITY =
      "AGE-SECRET-KEY-1G0Q5K9TV4REQ3ZSQRMTMG8NSWQGYT0T7TZ33RAZEE0GZYVZN0APSU24RK7";
  static final String SOPS_MOCK_RECIPIENT =
      "age1lzd99uklcjnc0e7d860axevet2cz99ce9pq6tzuzd05l5nr28ams36nvun";
  static final String SOPS_OTHER_IDENTITY =
      "AGE-SECRET-KEY-1432K5YRNSC44GC4986NXMX6GVZ52WTMT9C79CLUVWYY4DKDHD5JSNDP4MC";
  static final String SOPS_MOCK_ENCRYPTED_KEY =
      """
      -----BEGIN AGE ENCRYPTED FILE-----
      YWdlLWVuY3J5cHRpb24ub3JnL3YxCi0+IFgyNTUxOSBvY2t2NkdLUGRvY3l2OGNy
      MVJWcUhCOEZrUG8yeCtnRnhxL0I5NFk4YjJFCmE4SVQ3MEdyZkFqRWpSa2F0NVhF
      VDUybzBxdS9nSGpHSVRVMUI0UEVqZkkKLS0tIGJjeGhNQ0Y5L2VZRVVYSm90djFF
      bzdnQ3UwTGljMmtrbWNMV1MxYkFzUFUK4xjOZOTGdcbzuwUY/zeBXhcF+Md3e5PQ
      EylloI7MNGbadPGb
      -----END AGE ENCRYPTED FILE-----""";

  @Test
  void theSopsProjectsAgeVectorOpensWithItsIdentity() throws Exception {
    byte[] plain =
        Age.decrypt(
            AgeArmor.dearmor(SOPS_MOCK_ENCRYPTED_KEY),
            List.of(AgeIdentity.parse(SOPS_OTHER_IDENTITY), AgeIdentity.parse(SOPS_MOCK_IDENTITY)));

    assertThat(new String(plain, StandardCharsets.UTF_8)).isEqualTo("data");
  }

  @Test
  void theSopsMockIdentityYieldsItsPublishedRecipient() throws Exception {
    assertThat(AgeIdentity.parse(SOPS_MOCK_IDENTITY).recipient()).hasToString(SOPS_MOCK_RECIPIENT);
  }

  @Test
  void theWrongIdentityIsRefusedWithAMessageThatNamesNoKey() throws Exception {
    AgeIdentity other = AgeIdentity.parse(SOPS_OTHER_IDENTITY);

    assertThatThrownBy(() -> Age.decrypt(AgeArmor.dearmor(SOPS_MOCK_ENCRYPTED_KEY), List.of(other)))
        .isInstanceOf(AgeException.class)
        .hasMessageContaining("no identity matches")
        .hasMessageNotContaining("AGE-SECRET-KEY");
  }

  @Test
  void anIdentityNeverPrintsItsSecret() throws Exception {
    AgeIdentity identity = AgeIdentity.parse(SOPS_MOCK_IDENTITY);

    assertThat(identity.toString()).doesNotContain("AGE-SECRET").contains(SOPS_MOCK_RECIPIENT);
    assertThat(identity.encoded()).isEqualTo(SOPS_MOCK_IDENTITY);
  }

  @Test
  void aMistypedRecipientFailsItsChecksum() {
    String typo = SOPS_MOCK_RECIPIENT.substring(0, 20) + "q" + SOPS_MOCK_RECIPIENT.substring(21);

    assertThatThrownBy(() -> AgeRecipient.parse(typo))
        .isInstanceOf(AgeException.class)
        .hasMessageContaining("checksum");
  }

  @Test
  void aSshKeyIsRefusedAsARecipientWithWhatWasExpected() {
    assertThatThrownBy(() -> AgeRecipient.parse("ssh-ed25519 AAAAC3Nza Test"))
        .isInstanceOf(AgeException.class)
        .hasMessageContaining("expected a key starting with age1");
  }

  @Test
  void everySingleByteChangeOfAnAgeFileIsRefusedOrLeavesTheArmorUnreadable() throws Exception {
    SecureRandom random = new SecureRandom();
    AgeIdentity identity = AgeIdentity.generate(random);
    byte[] file = Age.encrypt(new byte[32], List.of(identity.recipient()), random);
    for (int i = 0; i < file.length; i++) {
      byte[] mutated = file.clone();
      mutated[i] ^= 0x20;
      int at = i;
      assertThatThrownBy(() -> Age.decrypt(mutated, List.of(identity)))
          .as("byte %d", at)
          .isInstanceOf(AgeException.class);
    }
  }
}
