package dev.minato.cli.secrets;

import dev.minato.cli.UserError;
import dev.minato.secrets.CreationRules;
import dev.minato.secrets.SecretFile;
import dev.minato.secrets.age.AgeRecipient;
import dev.minato.secrets.sops.SopsException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code minato secrets updatekeys}: rewrap the data key for the creation rule's recipients. */
@Command(
    name = "updatekeys",
    mixinStandardHelpOptions = true,
    header = "Rewrap SOPS files' data keys for the recipients .minato/secrets.yaml names now.",
    description = {
      "Values, lastmodified and mac stay as they are; only sops.age changes. A file whose",
      "recipients already match is left untouched. Rotate afterwards to lock out a removed key."
    },
    footerHeading = "%nExamples:%n",
    footer = {"  minato secrets updatekeys secrets/*.yaml"})
public final class UpdateKeysCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Mixin KeyOptions keys = new KeyOptions();

  @Parameters(paramLabel = "FILE", arity = "1..*", description = "SOPS-encrypted files.")
  List<Path> files = new ArrayList<>();

  @Override
  public Integer call() {
    Map<Path, String> rewrapped = new LinkedHashMap<>();
    for (Path file : files) {
      SecretFile opened = SecretWrites.open(file, keys);
      try {
        CreationRules rules =
            CreationRules.find(file)
                .orElseThrow(
                    () ->
                        UserError.invalidInput(
                            "no "
                                + CreationRules.FILE
                                + " above "
                                + file
                                + "; nothing was written"));
        List<AgeRecipient> wanted = rules.settingsFor(file).recipients();
        List<String> now = opened.metadata().recipients();
        if (now.equals(wanted.stream().map(AgeRecipient::toString).toList())) {
          spec.commandLine().getOut().println(file + ": recipients already up to date");
          continue;
        }
        if (!opened.metadata().otherKeyKinds().isEmpty()) {
          throw new SopsException(
              file + " also holds " + opened.metadata().otherKeyKinds() + " keys; use sops");
        }
        rewrapped.put(file, opened.updateKeys(wanted, SecretWrites.RANDOM));
        spec.commandLine()
            .getOut()
            .println(
                file
                    + ": recipients "
                    + now
                    + " -> "
                    + wanted.stream().map(AgeRecipient::toString).toList());
      } catch (SopsException e) {
        throw SecretWrites.refused(e);
      }
    }
    rewrapped.forEach(SecretWrites::replace);
    return 0;
  }
}
