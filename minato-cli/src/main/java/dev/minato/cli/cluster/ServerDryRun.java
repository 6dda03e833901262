package dev.minato.cli.cluster;

import dev.minato.cluster.apply.Applier;
import dev.minato.cluster.apply.ApplyOptions;
import dev.minato.cluster.apply.ApplyPlan;
import dev.minato.cluster.apply.ApplyReport;
import dev.minato.cluster.apply.DryRun;
import dev.minato.cluster.apply.Inventory;
import dev.minato.cluster.apply.Outcome;
import dev.minato.cluster.connect.ClusterException;
import dev.minato.cluster.connect.ClusterSession;
import dev.minato.cluster.connect.ClusterTarget;
import dev.minato.manifest.KubeObject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code apply --dry-run=server} as a library call for commands outside this package ({@code
 * release}): only this package touches the Kubernetes client, so offline commands never load it.
 */
public final class ServerDryRun {

  private ServerDryRun() {}

  /** What the API server said: each object's outcome and a summary, and whether all passed. */
  public record Result(boolean succeeded, List<String> lines) {
    public Result {
      lines = List.copyOf(lines);
    }
  }

  /** Sends {@code objects} to the cluster of {@code kubeconfig} as a server dry run. */
  public static Result of(
      Path kubeconfig, String context, List<KubeObject> objects, String inventoryName) {
    try (ClusterSession session = ClusterSession.open(ClusterTarget.of(kubeconfig, context))) {
      ApplyOptions options =
          ApplyOptions.into(new Inventory(inventoryName, ""))
              .withDryRun(DryRun.SERVER)
              .withInput("minato release", false)
              .withNamespaces(Optional.empty(), session.defaultNamespace(), false);
      Applier applier = Applier.of(session);
      ApplyPlan plan = applier.plan(objects, options);
      List<String> lines = new ArrayList<>();
      lines.add("Dry run against " + session.server() + " (" + objects.size() + " objects)");
      ApplyReport report = applier.apply(plan, lines::add);
      StringBuilder summary = new StringBuilder();
      for (Outcome outcome : Outcome.values()) {
        summary.append(summary.length() == 0 ? "" : ", ");
        summary.append(report.count(outcome)).append(' ').append(outcome.word());
      }
      lines.add(summary + " (dry run: nothing was stored)");
      return new Result(report.succeeded(), lines);
    } catch (ClusterException e) {
      return new Result(false, List.of("The server dry run failed: " + e.getMessage()));
    }
  }
}
