package dev.minato.cli.logs;

import dev.minato.logs.mask.Masker;
import dev.minato.logs.rules.Ruleset;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code minato logs mask}: stdin (or files) to stdout with the ruleset's masking applied. */
@Command(
    name = "mask",
    mixinStandardHelpOptions = true,
    description = {
      "Mask log lines with a ruleset, streaming: read --from, mask, write --to.",
      "Lines not in the input format are counted on stderr and passed on as {log, parse_error},",
      "masked like any other field (or dropped with --drop-bad). With --out-dir, events go to one",
      "file per stream as the ruleset's 'routing' chooses. Exit 2 for a bad ruleset (at",
      "file:line:column) or usage, 3 when a pseudonym key cannot be loaded."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  kubectl logs deploy/shop | minato logs mask --from ltsv > masked.jsonl",
      "  minato logs mask --rules .minato/logs.yaml --from nginx --to ltsv access.log",
      "  minato logs mask --from cri --inner ltsv --out-dir by-app /var/log/containers/shop.log"
    })
final class LogsMaskCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Mixin RulesOption rules;

  @Mixin StreamOptions options;

  @Option(
      names = "--out-dir",
      paramLabel = "DIR",
      description =
          "Write one file per routed stream, DIR/<stream>.jsonl (or .ltsv); DIR must be new or"
              + " empty. Without it every event goes to stdout.")
  Path outDir;

  @Override
  public Integer call() {
    Ruleset ruleset = rules.read();
    Masker masker = RulesOption.masker(ruleset);
    return FilterRun.run(
        "mask",
        options,
        masker,
        ruleset.routing(),
        outDir,
        spec.commandLine().getOut(),
        spec.commandLine().getErr());
  }
}
