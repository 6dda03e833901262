package dev.minato.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.minato.secrets.age.AgeIdentity;
import dev.minato.secrets.sops.SopsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AgeKeyringTest {

  static final SecureRandom RANDOM = new SecureRandom();

  @TempDir Path home;

  @Test
  void readsSopsAgeKeyTheKeyFileAndTheDefaultLocationLikeSops() throws Exception {
    AgeIdentity inline = AgeIdentity.generate(RANDOM);
    AgeIdentity fromFile = AgeIdentity.generate(RANDOM);
    AgeIdentity fromDefault = AgeIdentity.generate(RANDOM);
    Path file = Files.writeString(home.resolve("k.txt"), fromFile.encoded() + "\n");
    Path defaults = Files.createDirectories(home.resolve(".config/sops/age")).resolve("keys.txt");
    Files.writeString(defaults, "# created: now\n\n" + fromDefault.encoded() + "\n");

    AgeKeyring keyring =
        AgeKeyring.fromEnvironment(
            Map.of("SOPS_AGE_KEY", inline.encoded(), "SOPS_AGE_KEY_FILE", file.toString()), home);

    assertThat(keyring.identities())
        .extracting(AgeIdentity::recipient)
        .containsExactly(inline.recipient(), fromFile.recipient(), fromDefault.recipient());
  }

  @Test
  void xdgConfigHomeMovesTheDefaultLocation() throws Exception {
    AgeIdentity key = AgeIdentity.generate(RANDOM);
    Path xdg = home.resolve("xdg");
    Files.createDirectories(xdg.resolve("sops/age"));
    Files.writeString(xdg.resolve("sops/age/keys.txt"), key.encoded());

    AgeKeyring keyring =
        AgeKeyring.fromEnvironment(Map.of("XDG_CONFIG_HOME", xdg.toString()), home);

    assertThat(keyring.identities())
        .extracting(AgeIdentity::recipient)
        .containsExactly(key.recipient());
    assertThat(keyring.describe()).contains(xdg.resolve("sops/age/keys.txt").toString());
  }

  @Test
  void aBadLineIsNamedByNumberNeverByContent() throws Exception {
    Path file = Files.writeString(home.resolve("k.txt"), "# ok\nAGE-SECRET-KEY-1NOTAKEY\n");

    assertThatThrownBy(() -> AgeKeyring.file(file))
        .isInstanceOf(SopsException.class)
        .hasMessageContaining("k.txt:2")
        .hasMessageNotContaining("NOTAKEY");
  }
}
