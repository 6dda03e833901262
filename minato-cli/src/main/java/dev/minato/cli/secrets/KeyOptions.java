package dev.minato.cli.secrets;

import dev.minato.cli.UserError;
import dev.minato.secrets.AgeKeyring;
import dev.minato.secrets.sops.SopsException;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Where the age identities come from: one file, or where SOPS looks. */
final class KeyOptions {

  @Option(
      names = "--age-key-file",
      paramLabel = "FILE",
      description =
          "age keys file (age-keygen's format). Default: SOPS_AGE_KEY, SOPS_AGE_KEY_FILE and"
              + " $XDG_CONFIG_HOME/sops/age/keys.txt, as SOPS reads them.")
  Path keyFile;

  AgeKeyring keyring() {
    try {
      return keyFile != null ? AgeKeyring.file(keyFile) : AgeKeyring.fromEnvironment();
    } catch (SopsException e) {
      throw UserError.invalidInput(e.getMessage());
    }
  }
}
