package dev.minato.cli.secrets;

import dev.minato.cli.UserError;
import dev.minato.manifest.AtomicFile;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code minato secrets decrypt}: plaintext to stdout, or to a file only when asked. */
@Command(
    name = "decrypt",
    mixinStandardHelpOptions = true,
    header = "Decrypt a SOPS file to stdout (never to disk unless --output is given).",
    description = {
      "Checks every value and the MAC before printing anything. --output writes the plaintext",
      "to FILE readable by its owner only (mode 0600), atomically; nothing else ever writes it."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  minato secrets decrypt secrets/db.yaml",
      "  minato secrets decrypt --age-key-file ~/keys.txt secrets/db.json | jq .password"
    })
public final class DecryptCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Mixin KeyOptions keys = new KeyOptions();

  @Parameters(paramLabel = "FILE", description = "SOPS-encrypted YAML or JSON file.")
  Path file;

  @Option(
      names = "--output",
      paramLabel = "FILE",
      description = "Write the plaintext to FILE (owner-only) instead of stdout.")
  Path output;

  @Override
  public Integer call() {
    String plaintext = SecretWrites.open(file, keys).plaintext();
    if (output == null) {
      spec.commandLine().getOut().print(plaintext);
      spec.commandLine().getOut().flush();
      return 0;
    }
    try {
      AtomicFile.writePrivate(output, plaintext);
    } catch (IOException e) {
      throw UserError.environment("cannot write " + output + ": " + e.getMessage());
    }
    spec.commandLine().getErr().println("wrote the plaintext to " + output + " (owner-only)");
    return 0;
  }
}
