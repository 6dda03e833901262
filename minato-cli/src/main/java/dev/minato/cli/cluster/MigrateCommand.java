package dev.minato.cli.cluster;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code minato migrate}: moves workloads between clusters, honouring each one's policy. */
@Command(
    name = "migrate",
    mixinStandardHelpOptions = true,
    header = "Move workloads between clusters, honouring each one's migration policy.",
    subcommands = {MigratePlanCommand.class, MigrateRunCommand.class},
    description = {
      "Moves resources from one cluster to another, driven by the label",
      "minato.dev/migration-policy: duplicate-ok resources are copied and ready on the target",
      "before anything leaves the source; downtime-ok ones are stopped on the source first",
      "(CronJobs suspended, Deployments scaled to zero, no pod left), then created on the target."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  minato migrate plan --from old --to new",
      "  minato migrate run --from old --to new --remove-from-source --yes",
      "  minato migrate run --from old --to new \\",
      "      --from-kubeconfig old.yaml --to-kubeconfig new.yaml"
    })
public final class MigrateCommand implements Runnable {

  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "migrate needs a subcommand: plan or run");
  }
}
