package dev.minato.secrets.sops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.minato.secrets.age.AgeIdentity;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SopsDocumentTest {

  static final SecureRandom RANDOM = new SecureRandom();
  static final AgeIdentity ALICE = AgeIdentity.generate(RANDOM);
  static final AgeIdentity BOB = AgeIdentity.generate(RANDOM);
  static final Clock T1 = Clock.fixed(Instant.parse("2026-11-30T10:00:00Z"), ZoneOffset.UTC);
  static final Clock T2 = Clock.fixed(Instant.parse("2026-11-30T11:30:05Z"), ZoneOffset.UTC);

  static final String PLAIN =
      """
      db:
        user: app
        password: "s3cr3t: with colon"
        port: 5432
        ratio: 0.75
        enabled: true
      hosts:
        - a.example
        - b.example
      note: ""
      """;

  static SopsDocument.Settings settings(EncryptionRules rules) {
    return new SopsDocument.Settings(List.of(ALICE.recipient()), rules);
  }

  static String encrypt(String plain, EncryptionRules rules) throws SopsException {
    ObjectNode tree = SopsFormat.YAML.read(plain, "plain.yaml");
    return SopsFormat.YAML.write(
        SopsDocument.encrypt(tree, settings(rules), Optional.empty(), T1, RANDOM));
  }

  static SopsDocument.Decrypted decrypt(String encrypted, AgeIdentity... identities)
      throws SopsException {
    return SopsDocument.decrypt(SopsFormat.YAML.read(encrypted, "enc.yaml"), List.of(identities));
  }

  @Test
  void aFileWhoseRuleReadsCommentsIsRefusedWhenReadWithoutThem() throws Exception {
    for (String field : List.of("encrypted_comment_regex", "unencrypted_comment_regex")) {
      String encrypted =
          encrypt(PLAIN, EncryptionRules.defaults())
              .replace("    unencrypted_suffix: _unencrypted\n", "    " + field + ": ^sops:enc\n");

      assertThatThrownBy(() -> decrypt(encrypted, ALICE))
          .isInstanceOf(SopsException.class)
          .hasMessageContaining("sops." + field)
          .hasMessageContaining("read without its comments");
    }
  }

  @Test
  void encryptThenDecryptGivesBackEveryValueWithItsType() throws Exception {
    String encrypted = encrypt(PLAIN, EncryptionRules.defaults());

    ObjectNode plain = decrypt(encrypted, ALICE).plaintext();

    assertThat(plain).isEqualTo(SopsFormat.YAML.read(PLAIN, "plain.yaml"));
    assertThat(plain.at("/db/port").isIntegralNumber()).isTrue();
    assertThat(plain.at("/db/enabled").isBoolean()).isTrue();
    assertThat(plain.at("/db/ratio").isDouble()).isTrue();
  }

  @Test
  void theEncryptedFileKeepsKeysInClearAndTypesEachValueAsSopsDoes() throws Exception {
    String encrypted = encrypt(PLAIN, EncryptionRules.defaults());

    assertThat(encrypted)
        .containsPattern(
            "(?m)^    user: ENC\\[AES256_GCM,data:[^,]+,iv:[^,]+,tag:[^,]+,type:str\\]$")
        .containsPattern("(?m)^    port: ENC\\[AES256_GCM,.*,type:int\\]$")
        .containsPattern("(?m)^    ratio: ENC\\[AES256_GCM,.*,type:float\\]$")
        .containsPattern("(?m)^    enabled: ENC\\[AES256_GCM,.*,type:bool\\]$")
        .containsPattern("(?m)^    - ENC\\[AES256_GCM,.*,type:str\\]$")
        .contains("note: \"\"\n")
        .doesNotContain("s3cr3t", "a.example", "5432");
    assertThat(encrypted.substring(encrypted.indexOf("sops:")))
        .matches(
            "(?s)sops:\n"
                + "    age:\n"
                + "        - recipient: age1[a-z0-9]+\n"
                + "          enc: \\|\n"
                + "            -----BEGIN AGE ENCRYPTED FILE-----\n.*"
                + "            -----END AGE ENCRYPTED FILE-----\n"
                + "    lastmodified: \"2026-11-30T10:00:00Z\"\n"
                + "    mac: ENC\\[AES256_GCM,[^\n]+,type:str\\]\n"
                + "    unencrypted_suffix: _unencrypted\n"
                + "    version: 3.13.1\n");
  }

  @Test
  void aValueMovedToAnotherKeyDoesNotAuthenticateBecauseItsPathIsTheAdditionalData()
      throws Exception {
    String encrypted = encrypt("a: one\nb: two\n", EncryptionRules.defaults());
    String aValue = line(encrypted, "a: ").substring(3);
    String bValue = line(encrypted, "b: ").substring(3);

    String swapped =
        encrypted.replace("a: " + aValue, "a: " + bValue).replaceFirst("b: E.*", "b: " + aValue);

    assertThatThrownBy(() -> decrypt(swapped, ALICE))
        .isInstanceOf(SopsException.class)
        .hasMessageContaining("value at a does not authenticate");
  }

  @Test
  void reorderedListItemsDecryptButFailTheMac() throws Exception {
    String encrypted = encrypt("hosts:\n  - one\n  - two\n", EncryptionRules.defaults());
    List<String> lines = new ArrayList<>(List.of(encrypted.split("\n", -1)));
    String first = lines.get(1);
    lines.set(1, lines.get(2));
    lines.set(2, first);

    assertThatThrownBy(() -> decrypt(String.join("\n", lines), ALICE))
        .isInstanceOf(SopsException.class)
        .hasMessageStartingWith("MAC mismatch");
  }

  @Test
  void aKeyThatIsNotARecipientIsRefusedNamingTheRecipients() throws Exception {
    String encrypted = encrypt(PLAIN, EncryptionRules.defaults());

    assertThatThrownBy(() -> decrypt(encrypted, BOB))
        .isInstanceOf(SopsException.class)
        .hasMessageContaining("none of the 1 age identities opens the data key")
        .hasMessageContaining(ALICE.recipient().toString())
        .hasMessageNotContaining("AGE-SECRET-KEY");
  }

  @Test
  void reEncryptingAnUnchangedFileChangesOnlyLastmodifiedAndMac() throws Exception {
    String first = encrypt(PLAIN, EncryptionRules.defaults());
    SopsDocument.Decrypted opened = decrypt(first, ALICE);

    String second =
        SopsFormat.YAML.write(
            SopsDocument.encrypt(
                opened.plaintext(),
                settings(EncryptionRules.defaults()),
                Optional.of(opened),
                T2,
                RANDOM));

    assertThat(changedLines(first, second))
        .extracting(l -> l.strip().substring(0, l.strip().indexOf(':')))
        .containsExactly("lastmodified", "mac");
    assertThat(decrypt(second, ALICE).plaintext()).isEqualTo(opened.plaintext());
  }

  @Test
  void changingOneValueRewritesOnlyThatValueBesidesLastmodifiedAndMac() throws Exception {
    String first = encrypt(PLAIN, EncryptionRules.defaults());
    SopsDocument.Decrypted opened = decrypt(first, ALICE);
    ObjectNode edited = opened.plaintext().deepCopy();
    ((ObjectNode) edited.get("db")).put("password", "rotated");

    String second =
        SopsFormat.YAML.write(
            SopsDocument.encrypt(
                edited, settings(EncryptionRules.defaults()), Optional.of(opened), T2, RANDOM));

    assertThat(changedLines(first, second))
        .extracting(l -> l.strip().substring(0, l.strip().indexOf(':')))
        .containsExactly("password", "lastmodified", "mac");
  }

  @Test
  void encryptedRegexLeavesAKubernetesSecretsShapeReadable() throws Exception {
    String secret =
        """
        apiVersion: v1
        kind: Secret
        metadata:
          name: db
        stringData:
          password: hunter2
        """;

    String encrypted = encrypt(secret, EncryptionRules.encryptedRegex("^(data|stringData)$"));

    assertThat(encrypted)
        .startsWith("apiVersion: v1\nkind: Secret\nmetadata:\n    name: db\nstringData:\n")
        .containsPattern("(?m)^    password: ENC\\[AES256_GCM,")
        .contains("    encrypted_regex: ^(data|stringData)$\n")
        .doesNotContain("unencrypted_suffix", "hunter2");
    assertThat(decrypt(encrypted, ALICE).plaintext().at("/stringData/password").asText())
        .isEqualTo("hunter2");
  }

  @Test
  void aClearValueChangedUnderEncryptedRegexFailsTheMac() throws Exception {
    String encrypted =
        encrypt(
            "kind: Secret\nstringData:\n  password: x\n",
            EncryptionRules.encryptedRegex("^(data|stringData)$"));

    assertThatThrownBy(() -> decrypt(encrypted.replace("kind: Secret", "kind: Secres"), ALICE))
        .isInstanceOf(SopsException.class)
        .hasMessageStartingWith("MAC mismatch");
  }

  @Test
  void jsonRoundTripsInSopsTabIndentedLayout() throws Exception {
    ObjectNode tree = SopsFormat.JSON.read("{\"a\": {\"b\": [1, \"x\"]}}", "in.json");

    String encrypted =
        SopsFormat.JSON.write(
            SopsDocument.encrypt(
                tree, settings(EncryptionRules.defaults()), Optional.empty(), T1, RANDOM));

    assertThat(encrypted)
        .startsWith("{\n\t\"a\": {\n\t\t\"b\": [\n\t\t\t\"ENC[AES256_GCM,")
        .contains("\t\"sops\": {\n\t\t\"age\": [\n\t\t\t{\n\t\t\t\t\"recipient\": \"age1")
        .contains("\t\t\"lastmodified\": \"2026-11-30T10:00:00Z\",\n");
    assertThat(
            SopsDocument.decrypt(SopsFormat.JSON.read(encrypted, "enc.json"), List.of(ALICE))
                .plaintext())
        .isEqualTo(tree);
  }

  @Test
  void aFileWithoutSopsMetadataIsNamedAsNotEncrypted() {
    assertThatThrownBy(() -> decrypt("a: b\n", ALICE))
        .isInstanceOf(SopsException.class)
        .hasMessageContaining("not SOPS-encrypted");
  }

  static String line(String text, String prefix) {
    return text.lines().filter(l -> l.startsWith(prefix)).findFirst().orElseThrow();
  }

  static List<String> changedLines(String before, String after) {
    List<String> a = before.lines().toList();
    List<String> b = after.lines().toList();
    assertThat(b).hasSameSizeAs(a);
    List<String> changed = new ArrayList<>();
    for (int i = 0; i < a.size(); i++) {
      if (!a.get(i).equals(b.get(i))) {
        changed.add(b.get(i));
      }
    }
    return changed;
  }
}
