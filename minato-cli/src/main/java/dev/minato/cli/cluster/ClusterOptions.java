package dev.minato.cli.cluster;

import dev.minato.cluster.connect.ClusterTarget;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --kubeconfig} and {@code --context}, chosen as kubectl chooses them. */
public final class ClusterOptions {

  @Option(
      names = "--kubeconfig",
      paramLabel = "FILE",
      description = "Kubeconfig file (default: $KUBECONFIG, else ~/.kube/config).")
  Path kubeconfig;

  @Option(
      names = "--context",
      paramLabel = "NAME",
      description = "Context of the kubeconfig (default: its current context).")
  String context;

  public ClusterTarget target() {
    return ClusterTarget.of(kubeconfig, context);
  }
}
