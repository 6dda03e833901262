package dev.minato.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The top-level {@code minato} command; each product part is a subcommand, registered by {@link
 * Subcommands}.
 */
@Command(
    name = "minato",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Brings services aboard Kubernetes and keeps them portable.",
    footerHeading = "%nExamples:%n",
    footer = {
      "  minato demo                       generate manifests for the bundled examples",
      "  minato generate -f . -o manifests  every minato.yaml below . into ./manifests",
      "  minato check --spec .              lint what generate would produce",
      "  minato lb render --env prd         the prd load balancer's HAProxy configuration",
      "",
      "Exit codes: 0 success, 1 a check or gate failed, 2 invalid input or usage,",
      "3 environment error (cluster unreachable, tool missing)."
    })
final class MinatoCommand implements Runnable {

  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "a command is required");
  }
}
