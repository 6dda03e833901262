package dev.minato.secrets.sops;

import static dev.minato.secrets.sops.SopsDocumentTest.ALICE;
import static dev.minato.secrets.sops.SopsDocumentTest.RANDOM;
import static dev.minato.secrets.sops.SopsDocumentTest.T1;
import static dev.minato.secrets.sops.SopsDocumentTest.T2;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * YAML comments as SOPS keeps them (stores/yaml/store.go, sops.go): items of the mapping or list
 * they stand in, encrypted with type {@code comment} and that container's key path as additional
 * data, left out of the MAC, and written back as {@code #} lines above the entry they precede.
 */
class SopsCommentsTest {

  static final String COMMENTED =
      """
      # the prod database
      db:
          # who connects
          user: app
          password: hunter2 # rotated monthly
      hosts:
          # primary first
          - a.example
          - b.example
      public_unencrypted:
          # kept readable: the suffix rule leaves this mapping in clear
          region: eu-west-1
      # end of file
      """;

  private static SopsDocument.Settings settings(EncryptionRules rules) {
    return SopsDocumentTest.settings(rules);
  }

  private static String encrypt(String plain, EncryptionRules rules) throws SopsException {
    ObjectNode tree = SopsFormat.YAML.read(plain, "plain.yaml");
    SopsDocument.Sealed sealed =
        SopsDocument.encrypt(
            tree, SopsFormat.YAML.comments(plain), settings(rules), Optional.empty(), T1, RANDOM);
    return SopsFormat.YAML.write(sealed.tree(), sealed.comments());
  }

  private static SopsDocument.Decrypted decrypt(String encrypted) throws SopsException {
    return SopsDocument.decrypt(
        SopsFormat.YAML.read(encrypted, "enc.yaml"),
        SopsFormat.YAML.comments(encrypted),
        List.of(ALICE));
  }

  private static String plaintext(SopsDocument.Decrypted opened) {
    return SopsFormat.YAML.write(opened.plaintext(), opened.comments());
  }

  @Test
  void commentsSurviveEncryptAndDecryptAtTheirPlaces() throws Exception {
    String encrypted = encrypt(COMMENTED, EncryptionRules.defaults());

    // A comment at the end of a line moves above its entry, where sops writes it.
    assertThat(plaintext(decrypt(encrypted)))
        .isEqualTo(
            COMMENTED.replace(
                "    password: hunter2 # rotated monthly\n",
                "    # rotated monthly\n    password: hunter2\n"));
  }

  @Test
  void commentsAreEncryptedAsSopsWritesThemUnlessTheRulesLeaveTheirMappingInClear()
      throws Exception {
    String encrypted = encrypt(COMMENTED, EncryptionRules.defaults());

    assertThat(encrypted)
        .doesNotContain("prod database")
        .doesNotContain("who connects")
        .doesNotContain("rotated monthly")
        .doesNotContain("primary first")
        .contains("\n    # kept readable: the suffix rule leaves this mapping in clear\n");
    assertThat(encrypted.lines().filter(l -> l.strip().startsWith("#ENC[AES256_GCM,data:")))
        .hasSize(5)
        .allMatch(l -> l.endsWith(",type:comment]"));
    // As sops writes it: comments after the last entry stand above the metadata.
    assertThat(encrypted)
        .startsWith("#ENC[")
        .contains("\n    #ENC[")
        .containsPattern("\n#ENC\\[[^\n]*\nsops:\n");
  }

  @Test
  void eachCommentIsSealedWithItsContainersKeyPathAsSopsDoes() throws Exception {
    String encrypted = encrypt(COMMENTED, EncryptionRules.defaults());
    byte[] key = decrypt(encrypted).dataKey();
    List<String> sealed =
        encrypted
            .lines()
            .map(String::strip)
            .filter(l -> l.startsWith("#ENC["))
            .map(l -> l.substring(1))
            .toList();

    // sops.go: strings.Join(path, ":") + ":" where path is the mapping's or list's key path; the
    // top level's is empty, so its comments carry ":".
    assertThat(open(sealed.get(0), key, ":")).isEqualTo(" the prod database");
    assertThat(open(sealed.get(1), key, "db:")).isEqualTo(" who connects");
    assertThat(open(sealed.get(2), key, "db:")).isEqualTo(" rotated monthly");
    assertThat(open(sealed.get(3), key, "hosts:")).isEqualTo(" primary first");
    assertThat(open(sealed.get(4), key, ":")).isEqualTo(" end of file");
  }

  private static String open(String text, byte[] key, String aad) throws SopsException {
    return new String(
        EncryptedValue.parse(text, "comment").open(key, aad, "comment"), StandardCharsets.UTF_8);
  }

  @Test
  void commentsAreOutsideTheMacSoAFileWithoutThemStillOpens() throws Exception {
    String encrypted = encrypt(COMMENTED, EncryptionRules.defaults());
    String stripped =
        String.join("\n", encrypted.lines().filter(l -> !l.strip().startsWith("#ENC[")).toList())
            + "\n";

    SopsDocument.Decrypted opened = decrypt(stripped);

    assertThat(opened.plaintext()).isEqualTo(decrypt(encrypted).plaintext());
    assertThat(opened.comments().byContainer().keySet()).containsExactly("/public_unencrypted");
  }

  @Test
  void aCommentThatDoesNotOpenIsKeptAsWrittenAsSopsDoes() throws Exception {
    String encrypted = encrypt(COMMENTED, EncryptionRules.defaults());
    Matcher first = Pattern.compile("#(ENC\\[[^\\]]*\\])").matcher(encrypted);
    assertThat(first.find()).isTrue();
    // The first comment (top level, ":") moved into db's mapping: its key path no longer matches.
    String moved =
        encrypted
            .replace(first.group(0) + "\n", "")
            .replace("db:\n", "db:\n    #" + first.group(1) + "\n");

    SopsDocument.Decrypted opened = decrypt(moved);

    assertThat(opened.comments().before("/db", 0)).contains(first.group(1));
    assertThat(opened.plaintext()).isEqualTo(decrypt(encrypted).plaintext());
  }

  @Test
  void reEncryptingKeepsEveryUnchangedCommentsCiphertext() throws Exception {
    String encrypted = encrypt(COMMENTED, EncryptionRules.defaults());
    SopsDocument.Decrypted opened = decrypt(encrypted);
    String edited = plaintext(opened).replace("password: hunter2", "password: hunter3");

    SopsDocument.Sealed again =
        SopsDocument.encrypt(
            SopsFormat.YAML.read(edited, "edited.yaml"),
            SopsFormat.YAML.comments(edited),
            settings(EncryptionRules.defaults()),
            Optional.of(opened),
            T2,
            RANDOM);
    String rewritten = SopsFormat.YAML.write(again.tree(), again.comments());

    List<String> before = encrypted.lines().filter(l -> l.strip().startsWith("#")).toList();
    assertThat(rewritten.lines().filter(l -> l.strip().startsWith("#")).toList()).isEqualTo(before);
  }

  @Test
  void withAnEncryptedRegexOnlyCommentsInsideSelectedMappingsAreEncrypted() throws Exception {
    String plain =
        """
        # a Secret
        apiVersion: v1
        kind: Secret
        stringData:
          # the app's login
          password: hunter2
        """;

    String encrypted = encrypt(plain, EncryptionRules.encryptedRegex("^(data|stringData)$"));

    assertThat(encrypted).startsWith("# a Secret\n").doesNotContain("the app's login");
    assertThat(plaintext(decrypt(encrypted))).startsWith("# a Secret\napiVersion: v1\n");
  }
}
