package dev.minato.cli.secrets;

import dev.minato.cli.UserError;
import dev.minato.manifest.AtomicFile;
import dev.minato.secrets.SecretFile;
import dev.minato.secrets.sops.SopsException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code minato secrets edit}: decrypt into a private temp file, edit, re-encrypt, wipe. */
@Command(
    name = "edit",
    mixinStandardHelpOptions = true,
    header = "Edit a SOPS file in your editor; unchanged values keep their ciphertext.",
    description = {
      "The plaintext goes to a file in a new owner-only temporary folder, the editor runs on",
      "it, and the file is overwritten with zeros and deleted afterwards whatever happens.",
      "If the result does not parse, the original is kept (exit 2). An unchanged result writes",
      "nothing; a changed one rewrites only the changed values besides lastmodified and mac."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  minato secrets edit secrets/db.yaml",
      "  EDITOR='code --wait' minato secrets edit secrets/db.json"
    })
public final class EditCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Mixin KeyOptions keys = new KeyOptions();

  @Parameters(paramLabel = "FILE", description = "SOPS-encrypted YAML or JSON file.")
  Path file;

  @Option(
      names = "--editor",
      paramLabel = "COMMAND",
      description = "Editor command (default: $VISUAL, else $EDITOR, else vi).")
  String editor;

  @Override
  public Integer call() throws IOException {
    SecretFile opened = SecretWrites.open(file, keys);
    // The JDK creates temporary directories owner-only (0700) on POSIX file systems.
    Path dir = Files.createTempDirectory("minato-secrets-");
    Path plain = dir.resolve("plaintext-" + file.getFileName());
    try {
      AtomicFile.writePrivate(plain, opened.plaintext());
      runEditor(plain);
      String edited = Files.readString(plain);
      String updated;
      try {
        updated = opened.reencrypt(edited, SecretWrites.CLOCK, SecretWrites.RANDOM);
      } catch (SopsException e) {
        throw UserError.invalidInput(e.getMessage() + "; " + file + " was kept as it was");
      }
      if (updated.equals(Files.readString(file))) {
        spec.commandLine().getOut().println(file + ": no change");
        return 0;
      }
      SecretWrites.replace(file, updated);
      spec.commandLine().getOut().println("re-encrypted " + file);
      return 0;
    } finally {
      wipe(plain);
      Files.deleteIfExists(dir);
    }
  }

  private void runEditor(Path plain) throws IOException {
    String command = editor;
    if (command == null || command.isBlank()) {
      command =
          System.getenv().getOrDefault("VISUAL", System.getenv().getOrDefault("EDITOR", "vi"));
    }
    List<String> args = new ArrayList<>(List.of(command.strip().split("\\s+")));
    args.add(plain.toString());
    try {
      int status = new ProcessBuilder(args).inheritIO().start().waitFor();
      if (status != 0) {
        throw UserError.invalidInput(
            "the editor exited with status " + status + "; " + file + " was kept as it was");
      }
    } catch (IOException e) {
      throw UserError.environment("cannot run the editor '" + command + "': " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw UserError.environment("interrupted while the editor ran; " + file + " was kept");
    }
  }

  /** Overwrites the plaintext with zeros before deleting it, so its blocks do not keep it. */
  private static void wipe(Path plain) throws IOException {
    if (Files.exists(plain)) {
      long size = Files.size(plain);
      Files.write(
          plain, new byte[(int) Math.min(size, Integer.MAX_VALUE)], StandardOpenOption.WRITE);
      Files.delete(plain);
    }
  }
}
