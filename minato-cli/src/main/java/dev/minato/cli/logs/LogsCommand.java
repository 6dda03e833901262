package dev.minato.cli.logs;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code minato logs}: log lines read, masked, converted and routed by the log engine. */
@Command(
    name = "logs",
    mixinStandardHelpOptions = true,
    description = {
      "Read, mask, convert and route log lines (LTSV, JSON lines, nginx combined, CRI and Docker",
      "container lines) with the masking ruleset of .minato/logs.yaml."
    },
    subcommands = {
      LogsMaskCommand.class,
      LogsConvertCommand.class,
      LogsTestCommand.class,
      LogsPseudonymCommand.class
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  kubectl logs deploy/shop | minato logs mask --from ltsv > masked.jsonl",
      "  minato logs convert --from nginx --to json access.log",
      "  minato logs test --rules .minato/logs.yaml",
      "  minato logs pseudonym alice@example.com      the tokens of a value under every key"
    })
public final class LogsCommand implements Runnable {

  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(
        spec.commandLine(), "a subcommand is required: mask, convert, test or pseudonym");
  }
}
