package dev.minato.cli.logs;

import dev.minato.logs.mask.Masker;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code minato logs convert}: one log format to another, nothing masked. */
@Command(
    name = "convert",
    mixinStandardHelpOptions = true,
    description = {
      "Convert log lines from one format to another, streaming, without masking.",
      "Lines not in the input format are counted on stderr and passed on as {log, parse_error}",
      "(or dropped with --drop-bad)."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  minato logs convert --from nginx --to json access.log > access.jsonl",
      "  minato logs convert --from docker --inner json --to ltsv < container.log"
    })
final class LogsConvertCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Mixin StreamOptions options;

  @Override
  public Integer call() {
    return FilterRun.run(
        "convert",
        options,
        Masker.none(),
        Optional.empty(),
        null,
        spec.commandLine().getOut(),
        spec.commandLine().getErr());
  }
}
