package dev.minato.cli.edge;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code minato lb}: the external load balancer in front of the cluster's nodes. */
@Command(
    name = "lb",
    mixinStandardHelpOptions = true,
    description = "The external load balancer in front of the cluster's NodePorts.",
    subcommands = {LbRenderCommand.class},
    footerHeading = "%nExamples:%n",
    footer = {
      "  minato lb render --env prd --nodes nodes/prd.yaml --format haproxy -o haproxy.cfg"
    })
public final class LbCommand implements Runnable {

  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "a subcommand is required: render");
  }
}
