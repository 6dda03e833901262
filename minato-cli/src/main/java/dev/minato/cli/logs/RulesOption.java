package dev.minato.cli.logs;

import dev.minato.cli.UserError;
import dev.minato.logs.mask.KeyUnavailableException;
import dev.minato.logs.mask.Masker;
import dev.minato.logs.rules.Ruleset;
import dev.minato.logs.rules.RulesetReader;
import dev.minato.manifest.ManifestException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --rules FILE}: the masking ruleset, {@code .minato/logs.yaml} unless named. */
final class RulesOption {

  @Option(
      names = "--rules",
      paramLabel = "FILE",
      description = "The masking ruleset (default: .minato/logs.yaml in the current directory).")
  Path rules;

  Path file() {
    Path file = rules != null ? rules : RulesetReader.DEFAULT_LOCATION;
    if (rules == null && !Files.isRegularFile(file)) {
      throw UserError.invalidInput(
          "no ruleset: pass --rules FILE or write " + RulesetReader.DEFAULT_LOCATION);
    }
    return file;
  }

  /** The ruleset; a mistake in it is exit 2 at its file:line:column. */
  Ruleset read() {
    try {
      return RulesetReader.read(file());
    } catch (ManifestException e) {
      throw UserError.invalidInput(e.located());
    }
  }

  /** The engine of {@code ruleset}; a key that cannot be loaded is an environment error, exit 3. */
  static Masker masker(Ruleset ruleset) {
    try {
      return Masker.of(ruleset, System.getenv());
    } catch (KeyUnavailableException e) {
      throw UserError.environment(e.getMessage());
    }
  }
}
