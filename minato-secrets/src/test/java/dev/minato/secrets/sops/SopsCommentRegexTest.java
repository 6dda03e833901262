package dev.minato.secrets.sops;

import static dev.minato.secrets.sops.SopsDocumentTest.ALICE;
import static dev.minato.secrets.sops.SopsDocumentTest.RANDOM;
import static dev.minato.secrets.sops.SopsDocumentTest.T1;
import static dev.minato.secrets.sops.SopsDocumentTest.T2;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * {@code encrypted_comment_regex} and {@code unencrypted_comment_regex}, as sops.go's {@code
 * shouldBeEncrypted} reads them: per enclosing mapping or list, the comments directly above the
 * entry being read form a stack; a value (or comment) is encrypted when a comment on that stack
 * matches {@code encrypted_comment_regex} (the matching comment itself stays in clear), and left in
 * clear when one matches {@code unencrypted_comment_regex} (that comment included).
 */
class SopsCommentRegexTest {

  static final String MARKED =
      """
      # plain settings
      region: eu-west-1
      # sops:enc
      password: hunter2
      port: 5432
      db:
          host: db.example
          # sops:enc
          user: app
      # sops:enc
      nested:
          deep:
              key: k1
          list:
              - a
              - b
      hosts:
          - one.example
          # sops:enc
          - two.example
      """;

  static EncryptionRules rule(EncryptionRules.Kind kind, String regex) {
    return new EncryptionRules(new EncryptionRules.Selector(kind, regex), false);
  }

  static final EncryptionRules ENCRYPTED_MARK =
      rule(EncryptionRules.Kind.ENCRYPTED_COMMENT_REGEX, "^ ?sops:enc$");
  static final EncryptionRules UNENCRYPTED_MARK =
      rule(EncryptionRules.Kind.UNENCRYPTED_COMMENT_REGEX, "sops:plain");

  static String encrypt(String plain, EncryptionRules rules) {
    return encrypt(plain, rules, Optional.empty());
  }

  static String encrypt(
      String plain, EncryptionRules rules, Optional<SopsDocument.Decrypted> previous) {
    try {
      ObjectNode tree = SopsFormat.YAML.read(plain, "plain.yaml");
      SopsDocument.Sealed sealed =
          SopsDocument.encrypt(
              tree,
              SopsFormat.YAML.comments(plain),
              SopsDocumentTest.settings(rules),
              previous,
              previous.isPresent() ? T2 : T1,
              RANDOM);
      return SopsFormat.YAML.write(sealed.tree(), sealed.comments());
    } catch (SopsException e) {
      throw new AssertionError(e);
    }
  }

  static SopsDocument.Decrypted decrypt(String encrypted) throws SopsException {
    return SopsDocument.decrypt(
        SopsFormat.YAML.read(encrypted, "enc.yaml"),
        SopsFormat.YAML.comments(encrypted),
        List.of(ALICE));
  }

  static String plaintext(SopsDocument.Decrypted opened) {
    return SopsFormat.YAML.write(opened.plaintext(), opened.comments());
  }

  static SopsException refusal(String encrypted) {
    try {
      decrypt(encrypted);
    } catch (SopsException e) {
      return e;
    }
    throw new AssertionError("decryption should have been refused");
  }

  /** The lines of {@code text} whose value or comment is a SOPS ciphertext, with it cut off. */
  static List<String> encryptedLines(String text) {
    List<String> out = new ArrayList<>();
    for (String line : text.substring(0, text.indexOf("\nsops:")).split("\n")) {
      int at = line.indexOf("ENC[AES256_GCM,");
      if (at >= 0) {
        out.add(line.substring(0, at));
      }
    }
    return out;
  }

  @Test
  void anEncryptedCommentMarkEncryptsOnlyTheEntryBelowItAndEverythingUnderThatEntry() {
    String encrypted = encrypt(MARKED, ENCRYPTED_MARK);

    assertThat(encryptedLines(encrypted))
        .containsExactly(
            "password: ", "    user: ", "        key: ", "        - ", "        - ", "    - ");
    assertThat(encrypted)
        .contains(
            "region: eu-west-1\n",
            "port: 5432\n",
            "    host: db.example\n",
            "    - one.example\n",
            "# plain settings\n");
  }

  @Test
  void theMatchingCommentStaysInClearAndTheCommentsAfterItAreEncrypted() {
    String plain = "# sops:enc\n# rotated monthly\npassword: hunter2\n# after\nport: 1\n";

    String encrypted = encrypt(plain, ENCRYPTED_MARK);

    assertThat(encrypted)
        .startsWith("# sops:enc\n#ENC[AES256_GCM,")
        .contains("type:comment]\npassword: ENC[AES256_GCM,")
        .contains("# after\nport: 1\n")
        .doesNotContain("rotated monthly");
  }

  @Test
  void anUnencryptedCommentMarkLeavesTheEntryBelowItAndItsCommentsInClear() {
    String plain =
        """
        # sops:plain
        # readable note
        region: eu-west-1
        # hidden note
        password: hunter2
        # sops:plain
        public:
            key: k1
        db:
            # sops:plain
            host: db.example
            user: app
        """;

    String encrypted = encrypt(plain, UNENCRYPTED_MARK);

    assertThat(encryptedLines(encrypted)).containsExactly("#", "password: ", "    user: ");
    assertThat(encrypted)
        .startsWith("# sops:plain\n# readable note\nregion: eu-west-1\n")
        .contains("    key: k1\n", "    # sops:plain\n    host: db.example\n")
        .doesNotContain("hidden note");
  }

  @Test
  void theMetadataRecordsTheCommentRegexWhereSopsWritesIt() {
    String encrypted =
        encrypt(
            MARKED,
            new EncryptionRules(
                new EncryptionRules.Selector(
                    EncryptionRules.Kind.ENCRYPTED_COMMENT_REGEX, "sops:enc"),
                true));

    assertThat(encrypted)
        .containsPattern(
            "\n    mac: ENC\\[[^\n]*\n    encrypted_comment_regex: sops:enc\n"
                + "    mac_only_encrypted: true\n    version: 3\\.13\\.1\n$")
        .doesNotContain("unencrypted_suffix");
  }

  @Test
  void decryptGivesBackTheSameBytesForEitherMark() throws Exception {
    String unmarked = MARKED.replace("sops:enc", "sops:plain");

    assertThat(plaintext(decrypt(encrypt(MARKED, ENCRYPTED_MARK)))).isEqualTo(MARKED);
    assertThat(plaintext(decrypt(encrypt(unmarked, UNENCRYPTED_MARK)))).isEqualTo(unmarked);
  }

  @Test
  void reencryptingAnUnchangedFileChangesOnlyLastmodifiedAndMac() throws Exception {
    String first = encrypt(MARKED + "# sops:enc\n# secret note\ntoken: t\n", ENCRYPTED_MARK);
    SopsDocument.Decrypted opened = decrypt(first);

    String second = encrypt(plaintext(opened), ENCRYPTED_MARK, Optional.of(opened));

    assertThat(first).contains("type:comment]\ntoken: ENC[");
    List<String> before = List.of(first.split("\n"));
    List<String> after = List.of(second.split("\n"));
    assertThat(after).hasSameSizeAs(before);
    List<String> changed = new ArrayList<>();
    for (int i = 0; i < before.size(); i++) {
      if (!before.get(i).equals(after.get(i))) {
        changed.add(after.get(i).trim().replaceAll(":.*", ""));
      }
    }
    assertThat(changed).containsExactly("lastmodified", "mac");
  }

  @Test
  void aValueLeftInClearUnderAnEncryptedMarkIsRefused() {
    String encrypted =
        encrypt(MARKED, ENCRYPTED_MARK).replaceFirst("password: ENC\\[[^\n]*", "password: hunter2");

    assertThatThrownBy(() -> decrypt(encrypted))
        .isInstanceOf(SopsException.class)
        .hasMessageContaining("value at password");
  }

  @Test
  void movingTheMarkToAnotherValueIsRefused() {
    String encrypted =
        encrypt(MARKED, ENCRYPTED_MARK).replace("# sops:enc\npassword:", "password:");

    // Without its mark the value is read as clear text, and the MAC no longer matches.
    assertThatThrownBy(() -> decrypt(encrypted))
        .isInstanceOf(SopsException.class)
        .hasMessageContaining("MAC mismatch");
  }

  @Test
  void withMacOnlyEncryptedAClearValueCanChangeWithoutBreakingTheMac() throws Exception {
    EncryptionRules macOnly = new EncryptionRules(ENCRYPTED_MARK.selector(), true);
    String encrypted = encrypt(MARKED, macOnly);

    SopsDocument.Decrypted opened =
        decrypt(encrypted.replace("region: eu-west-1", "region: us-east-1"));

    assertThat(opened.plaintext().path("region").asText()).isEqualTo("us-east-1");
    assertThat(opened.plaintext().path("password").asText()).isEqualTo("hunter2");
  }

  @Test
  void withoutMacOnlyEncryptedAChangedClearValueBreaksTheMac() {
    String encrypted = encrypt(MARKED, ENCRYPTED_MARK);

    assertThatThrownBy(() -> decrypt(encrypted.replace("region: eu-west-1", "region: x")))
        .isInstanceOf(SopsException.class)
        .hasMessageContaining("MAC mismatch");
  }

  @Test
  void twoSelectorsInTheMetadataAreRefusedNamingBoth() {
    String encrypted =
        encrypt(MARKED, ENCRYPTED_MARK)
            .replace("    version:", "    encrypted_regex: ^password$\n    version:");

    assertThat(refusal(encrypted).pointer()).contains("/sops/encrypted_regex");
    assertThat(refusal(encrypted))
        .hasMessageContaining("sops.encrypted_regex and sops.encrypted_comment_regex are both set");
  }

  @Test
  void aMetadataRegexThatDoesNotCompileIsRefusedAtItsField() {
    String encrypted =
        encrypt(MARKED, ENCRYPTED_MARK)
            .replace("encrypted_comment_regex: ^ ?sops:enc$", "encrypted_comment_regex: '(open'");

    assertThat(refusal(encrypted).pointer()).contains("/sops/encrypted_comment_regex");
    assertThat(refusal(encrypted))
        .hasMessageContaining("sops.encrypted_comment_regex: not a regular expression");
  }

  @Test
  void anEncryptedRegexOnANestedKeyEncryptsEverythingUnderItAndItsComments() {
    String plain =
        """
        app:
            name: shop
            credentials:
                # for the payment provider
                token: t0k3n
                list:
                    - x
        """;

    String encrypted = encrypt(plain, EncryptionRules.encryptedRegex("^credentials$"));

    assertThat(encryptedLines(encrypted))
        .containsExactly("        #", "        token: ", "            - ");
    assertThat(encrypted).contains("    name: shop\n");
  }

  @Test
  void anUnencryptedRegexOnANestedKeyLeavesEverythingUnderItInClear() {
    String plain =
        "app:\n    public:\n        url: u\n        deep:\n            v: 1\n    key: k\n";

    String encrypted = encrypt(plain, rule(EncryptionRules.Kind.UNENCRYPTED_REGEX, "^public$"));

    assertThat(encryptedLines(encrypted)).containsExactly("    key: ");
  }

  @Test
  void aJsonFileHasNoCommentsSoAnEncryptedCommentMarkEncryptsNothing() throws Exception {
    ObjectNode tree = SopsFormat.JSON.read("{\"password\": \"hunter2\", \"port\": 1}", "a.json");

    ObjectNode encrypted =
        SopsDocument.encrypt(
            tree, SopsDocumentTest.settings(ENCRYPTED_MARK), Optional.empty(), T1, RANDOM);

    assertThat(encrypted.path("password").asText()).isEqualTo("hunter2");
    assertThat(encrypted.path("sops").path("encrypted_comment_regex").asText())
        .isEqualTo("^ ?sops:enc$");
    assertThat(
            SopsDocument.decrypt(encrypted, YamlComments.none(), List.of(ALICE))
                .plaintext()
                .path("port")
                .asInt())
        .isEqualTo(1);
  }

  @Test
  void aMarkAtTheEndOfALineEncryptsThatEntrySinceSopsMovesItAbove() {
    String encrypted =
        encrypt("user: app\npassword: hunter2 # sops:enc\nport: 1\n", ENCRYPTED_MARK);

    assertThat(encrypted).startsWith("user: app\n# sops:enc\npassword: ENC[AES256_GCM,");
    assertThat(encryptedLines(encrypted)).containsExactly("password: ");
  }
}
