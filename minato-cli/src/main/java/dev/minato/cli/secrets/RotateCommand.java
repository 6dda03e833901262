package dev.minato.cli.secrets;

import dev.minato.secrets.SecretFile;
import dev.minato.secrets.sops.SopsException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code minato secrets rotate}: a new data key for each file. */
@Command(
    name = "rotate",
    mixinStandardHelpOptions = true,
    header = "Give SOPS files a new data key: every value is encrypted again.",
    description = {
      "Decrypts each file (checking it), makes a new random data key, encrypts every value with",
      "it and wraps it for the same recipients. All files are checked before any is written."
    },
    footerHeading = "%nExamples:%n",
    footer = {"  minato secrets rotate secrets/db.yaml secrets/api.json"})
public final class RotateCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Mixin KeyOptions keys = new KeyOptions();

  @Parameters(paramLabel = "FILE", arity = "1..*", description = "SOPS-encrypted files.")
  List<Path> files = new ArrayList<>();

  @Override
  public Integer call() {
    Map<Path, String> rotated = new java.util.LinkedHashMap<>();
    for (Path file : files) {
      SecretFile opened = SecretWrites.open(file, keys);
      try {
        rotated.put(file, opened.rotate(SecretWrites.CLOCK, SecretWrites.RANDOM));
      } catch (SopsException e) {
        throw SecretWrites.refused(e);
      }
    }
    rotated.forEach(
        (file, text) -> {
          SecretWrites.replace(file, text);
          spec.commandLine().getOut().println("rotated the data key of " + file);
        });
    return 0;
  }
}
