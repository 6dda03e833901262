package dev.minato.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.minato.secrets.sops.SopsException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files the real {@code sops} wrote for age recipients (3.9.0 and 3.10.2), with their published
 * test keys, open in minato to the values their publisher's own test expects. The source of every
 * file (Flux's kustomize-controller test data, commit by commit) is in {@code
 * src/test/resources/sops-written/README.md}; the SOPS project's own test data has no age-encrypted
 * file.
 */
class SopsWrittenFilesTest {

  @TempDir Path dir;

  @Test
  void aSecretSops390WroteForAgeDecryptsToItsPublishedValue() throws Exception {
    SecretFile file =
        SecretFile.open(resource("algorithms-age.yaml"), AgeKeyring.file(resource("age.txt")));

    assertThat(file.opened().plaintext().at("/stringData/key").asText()).isEqualTo("value");
    assertThat(file.opened().plaintext().at("/metadata/name").asText()).isEqualTo("age");
    assertThat(file.opened().plaintext().has("sops")).isFalse();
    assertThat(file.metadata().recipients())
        .containsExactly("age1l44xcng8dqj32nlv6d930qvvrny05hglzcv9qpc7kxjc6902ma4qufys29");
  }

  @Test
  void aSecretSops3102WroteForAgeDecryptsToItsPublishedValue() throws Exception {
    SecretFile file =
        SecretFile.open(
            resource("global-secret.yaml"), AgeKeyring.file(resource("age-global.txt")));

    assertThat(file.opened().plaintext().at("/stringData/key").asText()).isEqualTo("global-value");
    assertThat(file.opened().plaintext().at("/type").asText()).isEqualTo("Opaque");
  }

  @Test
  void theOtherFilesKeyDoesNotOpenIt() {
    assertThatThrownBy(
            () ->
                SecretFile.open(
                    resource("global-secret.yaml"), AgeKeyring.file(resource("age.txt"))))
        .isInstanceOf(SopsException.class)
        .hasMessageContaining("global-secret.yaml");
  }

  @Test
  void aChangedValueInTheSopsWrittenFileIsRefused() throws Exception {
    // The same file with the encrypted value's first data byte changed: GCM's tag no longer
    // matches, so SOPS's file is checked as SOPS checks it, not merely parsed.
    String text = Files.readString(resource("algorithms-age.yaml"));
    Path tampered =
        Files.writeString(dir.resolve("age.yaml"), text.replace("data:mHeXsmQ=", "data:nHeXsmQ="));

    assertThatThrownBy(() -> SecretFile.open(tampered, AgeKeyring.file(resource("age.txt"))))
        .isInstanceOf(SopsException.class)
        .hasMessageContaining("stringData");
  }

  private static Path resource(String name) throws URISyntaxException {
    return Path.of(
        Objects.requireNonNull(
                SopsWrittenFilesTest.class.getResource("/sops-written/" + name), name)
            .toURI());
  }
}
