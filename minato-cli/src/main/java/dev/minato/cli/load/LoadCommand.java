package dev.minato.cli.load;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code minato load}: load tests with honest latency, SLO gates and distributed runs. */
@Command(
    name = "load",
    mixinStandardHelpOptions = true,
    description = "Load-test an HTTP service: open or closed model, SLO gates, sharded runs.",
    subcommands = {
      LoadRunCommand.class,
      LoadJobCommand.class,
      LoadMergeCommand.class,
      LoadCrdCommand.class,
      LoadControllerCommand.class
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  minato load run http://127.0.0.1:8080/ --rate 500/s --duration 30s",
      "  minato load run checkout.yaml --slo 'p99<250ms' --html report.html",
      "  minato load job checkout.yaml --parallel 4 --image ghcr.io/acme/minato:0.1 -o job.yaml",
      "  minato load merge shard-*.hlog --slo 'errors<0.1%%'",
      "  minato load crd | kubectl apply -f -",
      "  minato load controller --manifests --image ghcr.io/acme/minato:0.1 | kubectl apply -f -",
      "",
      "See docs/load.md for the scenario format and how latency is measured."
    })
public final class LoadCommand implements Runnable {

  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(
        spec.commandLine(), "a load command is required: run, job, merge, crd or controller");
  }
}
