package dev.minato.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.minato.manifest.Document;
import dev.minato.manifest.KubeObject;
import dev.minato.manifest.YamlReader;
import dev.minato.secrets.age.AgeIdentity;
import dev.minato.secrets.sops.EncryptionRules;
import dev.minato.secrets.sops.SopsDocument;
import dev.minato.secrets.sops.SopsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** In-memory decryption for apply and drift, of a Secret whose values are chosen by comments. */
class SopsObjectsTest {

  static final SecureRandom RANDOM = new SecureRandom();
  static final AgeIdentity ALICE = AgeIdentity.generate(RANDOM);
  static final String SECRET =
      """
      apiVersion: v1
      kind: Secret
      metadata:
          name: db
      stringData:
          user: app
          # sops:enc
          password: hunter2
      """;

  @TempDir Path dir;

  Path encrypted(String name, String plain) throws Exception {
    Path file = Files.writeString(dir.resolve(name), plain);
    EncryptionRules marks =
        new EncryptionRules(
            new EncryptionRules.Selector(EncryptionRules.Kind.ENCRYPTED_COMMENT_REGEX, "sops:enc"),
            false);
    String text =
        SecretFile.encrypt(
            file,
            new SopsDocument.Settings(List.of(ALICE.recipient()), marks),
            Clock.systemUTC(),
            RANDOM);
    return Files.writeString(file, text);
  }

  static List<KubeObject> objects(Path file) throws Exception {
    return YamlReader.read(file).stream()
        .map(KubeObject::of)
        .flatMap(java.util.Optional::stream)
        .toList();
  }

  @Test
  void aSecretWhoseValuesAreChosenByCommentsIsDecryptedWithTheCommentsOfItsFile() throws Exception {
    Path file = encrypted("secret.yaml", SECRET);
    assertThat(Files.readString(file)).doesNotContain("hunter2").contains("user: app");

    List<KubeObject> plain =
        SopsObjects.decrypt(objects(file), () -> new AgeKeyring(List.of(ALICE), List.of("test")));

    assertThat(plain.get(0).tree().path("stringData").path("password").asText())
        .isEqualTo("hunter2");
    assertThat(plain.get(0).tree().has("sops")).isFalse();
  }

  @Test
  void aSecretThatIsNotTheFirstDocumentOfItsFileIsRefusedNotGuessed() throws Exception {
    Path file = encrypted("secret.yaml", SECRET);
    Path bundle =
        Files.writeString(
            dir.resolve("bundle.yaml"),
            "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n---\n"
                + Files.readString(file));
    List<Document> documents = YamlReader.read(bundle);
    assertThat(documents).hasSize(2);

    assertThatThrownBy(
            () ->
                SopsObjects.decrypt(
                    objects(bundle), () -> new AgeKeyring(List.of(ALICE), List.of("test"))))
        .isInstanceOf(SopsException.class)
        .hasMessageContaining("not the first document of its file");
  }
}
