package dev.minato.cli.cluster;

import dev.minato.cluster.connect.ClusterTarget;
import dev.minato.manifest.InvalidValueException;
import dev.minato.manifest.migration.MigrationPolicy;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** The options {@code migrate plan} and {@code migrate run} share: the two clusters and scope. */
final class MigrationSides {

  @Option(
      names = "--from",
      paramLabel = "CONTEXT",
      required = true,
      description = "Source context.")
  String from;

  @Option(names = "--to", paramLabel = "CONTEXT", required = true, description = "Target context.")
  String to;

  @Option(
      names = "--kubeconfig",
      paramLabel = "FILE",
      description = "Kubeconfig holding both contexts (default: $KUBECONFIG, else ~/.kube/config).")
  Path kubeconfig;

  @Option(
      names = "--from-kubeconfig",
      paramLabel = "FILE",
      description = "Kubeconfig of the source.")
  Path fromKubeconfig;

  @Option(names = "--to-kubeconfig", paramLabel = "FILE", description = "Kubeconfig of the target.")
  Path toKubeconfig;

  @Option(
      names = {"-n", "--namespace"},
      paramLabel = "NS",
      split = ",",
      description = "Only these namespaces (repeatable or comma-separated).")
  List<String> namespaces = new ArrayList<>();

  @Option(
      names = "--default-policy",
      paramLabel = "POLICY",
      description = "Policy of workloads without the label: duplicate-ok or downtime-ok.")
  String defaultPolicy;

  @Option(
      names = "--remove-from-source",
      description = "Last phase: delete the migrated objects from the source.")
  boolean removeFromSource;

  ClusterTarget source() {
    return ClusterTarget.of(fromKubeconfig != null ? fromKubeconfig : kubeconfig, from);
  }

  ClusterTarget target() {
    return ClusterTarget.of(toKubeconfig != null ? toKubeconfig : kubeconfig, to);
  }

  Optional<MigrationPolicy> policy(picocli.CommandLine commandLine) {
    if (defaultPolicy == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(MigrationPolicy.parse(defaultPolicy));
    } catch (InvalidValueException e) {
      throw new ParameterException(commandLine, "--default-policy: " + e.getMessage());
    }
  }
}
