package dev.minato.cli.secrets;

import dev.minato.cli.UserError;
import dev.minato.secrets.CreationRules;
import dev.minato.secrets.SecretFile;
import dev.minato.secrets.age.AgeException;
import dev.minato.secrets.age.AgeRecipient;
import dev.minato.secrets.sops.EncryptionRules;
import dev.minato.secrets.sops.SopsDocument;
import dev.minato.secrets.sops.SopsException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code minato secrets encrypt}: a plaintext file becomes a SOPS file, in place. */
@Command(
    name = "encrypt",
    mixinStandardHelpOptions = true,
    header = "Encrypt a plaintext YAML or JSON file in place, as SOPS would.",
    description = {
      "Recipients and rules come from the first creation rule in .minato/secrets.yaml whose",
      "path_regex matches the file, or from --age (and --encrypted-regex). The file is replaced",
      "atomically; a file that is already encrypted is refused (use edit, rotate, updatekeys)."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  minato secrets encrypt secrets/db.yaml",
      "  minato secrets encrypt --age age1... --encrypted-regex '^(data|stringData)$' secret.yaml"
    })
public final class EncryptCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Parameters(paramLabel = "FILE", description = "Plaintext YAML or JSON file.")
  Path file;

  @Option(
      names = "--age",
      paramLabel = "RECIPIENT",
      split = ",",
      description = "age recipients (age1…), instead of .minato/secrets.yaml.")
  List<String> age = new ArrayList<>();

  @Option(
      names = "--encrypted-regex",
      paramLabel = "REGEX",
      description = "Encrypt only values under keys matching REGEX (with --age).")
  String encryptedRegex;

  @Override
  public Integer call() {
    try {
      String encrypted =
          SecretFile.encrypt(file, settings(), SecretWrites.CLOCK, SecretWrites.RANDOM);
      SecretWrites.replace(file, encrypted);
    } catch (SopsException e) {
      throw SecretWrites.refused(e);
    }
    spec.commandLine().getOut().println("encrypted " + file);
    return 0;
  }

  private SopsDocument.Settings settings() throws SopsException {
    if (age.isEmpty()) {
      if (encryptedRegex != null) {
        throw UserError.invalidInput(
            "--encrypted-regex needs --age; rules otherwise come from " + CreationRules.FILE);
      }
      Optional<CreationRules> rules = CreationRules.find(file);
      if (rules.isEmpty()) {
        throw UserError.invalidInput(
            "no "
                + CreationRules.FILE
                + " above "
                + file
                + " and no --age: name the recipients (see minato secrets encrypt --help)");
      }
      return rules.get().settingsFor(file);
    }
    List<AgeRecipient> recipients = new ArrayList<>();
    for (String text : age) {
      try {
        recipients.add(AgeRecipient.parse(text));
      } catch (AgeException e) {
        throw UserError.invalidInput("--age: " + e.getMessage());
      }
    }
    EncryptionRules rules =
        encryptedRegex == null
            ? EncryptionRules.defaults()
            : EncryptionRules.encryptedRegex(encryptedRegex);
    return new SopsDocument.Settings(recipients, rules);
  }
}
