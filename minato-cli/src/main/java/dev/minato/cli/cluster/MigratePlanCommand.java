package dev.minato.cli.cluster;

import dev.minato.cli.ExitCodes;
import dev.minato.cluster.connect.ClusterException;
import dev.minato.cluster.connect.ClusterSession;
import dev.minato.cluster.migrate.ClusterSide;
import dev.minato.cluster.migrate.MigrationPlan;
import dev.minato.cluster.migrate.Migrator;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code minato migrate plan}: what a migration would do; changes nothing. */
@Command(
    name = "plan",
    mixinStandardHelpOptions = true,
    header = "Print what a migration would do; change nothing.",
    description = "Prints what 'migrate run' would do, phase by phase; changes nothing.",
    footerHeading = "%nExamples:%n",
    footer = {
      "  minato migrate plan --from old --to new -n shop",
      "",
      "Exit codes: 0 the plan can run, 2 resources lack a policy (listed) or",
      "source and target are one cluster,",
      "3 a cluster is unreachable."
    })
public final class MigratePlanCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Mixin MigrationSides sides;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    try (ClusterSession source = ClusterSession.open(sides.source());
        ClusterSession target = ClusterSession.open(sides.target())) {
      Migrator.requireTwoClusters(
          ClusterSide.of(sides.from, source), ClusterSide.of(sides.to, target));
      MigrationPlan plan =
          MigrationPlan.of(
              source.live(), source.catalog(), sides.namespaces, sides.policy(spec.commandLine()));
      MigrationPlanText.print(plan, source.server(), target.server(), sides.removeFromSource, out);
      return plan.runnable() ? ExitCodes.OK : ExitCodes.INVALID_INPUT;
    } catch (ClusterException e) {
      return Failures.report(e, err);
    }
  }
}
