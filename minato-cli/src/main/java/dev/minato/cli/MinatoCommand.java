package dev.minato.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The top-level {@code minato} command; each product part is a subcommand. */
@Command(
    name = "minato",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Brings services aboard Kubernetes and keeps them portable.",
    subcommands = {
      picocli.CommandLine.HelpCommand.class,
      dev.minato.cli.cluster.ApplyCommand.class,
      dev.minato.cli.cluster.BackupCommand.class,
      dev.minato.cli.cluster.RestoreCommand.class,
      dev.minato.cli.cluster.MigrateCommand.class,
      dev.minato.cli.cluster.DriftCommand.class,
      dev.minato.cli.cluster.SandboxCommand.class
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  minato demo                       generate manifests for the bundled examples",
      "  minato generate -f . -o manifests  every minato.yaml below . into ./manifests",
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
