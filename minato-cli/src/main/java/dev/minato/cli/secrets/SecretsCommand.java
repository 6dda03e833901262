package dev.minato.cli.secrets;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code minato secrets}: SOPS files with age keys, read and written as SOPS does. */
@Command(
    name = "secrets",
    mixinStandardHelpOptions = true,
    header = "Encrypt, decrypt, edit, rotate and rewrap SOPS files with age keys.",
    subcommands = {
      EncryptCommand.class,
      DecryptCommand.class,
      EditCommand.class,
      RotateCommand.class,
      UpdateKeysCommand.class
    },
    description = {
      "Reads and writes the SOPS file format (YAML and JSON) with age X25519 recipients, so",
      "files stay compatible with sops and Flux. Values are encrypted, keys stay readable.",
      "Recipients and rules come from .minato/secrets.yaml (creation_rules, like .sops.yaml);",
      "keys from --age-key-file, else SOPS_AGE_KEY, SOPS_AGE_KEY_FILE and",
      "$XDG_CONFIG_HOME/sops/age/keys.txt (~/.config/sops/age/keys.txt). Keys are never printed.",
      "A wrong key, a tampered value or a MAC mismatch is exit 2 and nothing is written."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  minato secrets encrypt secrets/db.yaml",
      "  minato secrets decrypt secrets/db.yaml | less",
      "  minato secrets edit secrets/db.yaml",
      "  minato secrets updatekeys secrets/*.yaml"
    })
public final class SecretsCommand implements Runnable {

  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(
        spec.commandLine(),
        "secrets needs a subcommand: encrypt, decrypt, edit, rotate or updatekeys");
  }
}
