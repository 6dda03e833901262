package dev.minato.cli.cluster;

import dev.minato.cli.ExitCodes;
import dev.minato.cluster.connect.ClusterException;
import dev.minato.cluster.connect.ClusterSession;
import dev.minato.cluster.migrate.ClusterSide;
import dev.minato.cluster.migrate.MigrationOptions;
import dev.minato.cluster.migrate.MigrationPlan;
import dev.minato.cluster.migrate.Migrator;
import dev.minato.cluster.migrate.Phase;
import dev.minato.cluster.migrate.StateLocation;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code minato migrate run}: runs (or resumes) a migration. */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    header = "Run or resume a migration, phase by phase.",
    description = {
      "Runs the migration phase by phase (copy, stop, create, remove), verifying each before the",
      "next. Every run re-plans from what the source holds now and checks every phase again",
      "against both clusters, so re-running the same command resumes an interrupted migration",
      "and repairs what changed since (a target that lost a copy, a source workload re-applied).",
      "Refuses a source and target that are one cluster (by kube-system's UID).",
      "Progress (object references and hashes, never content) is kept owner-only in",
      "<state-dir>/migrations/<source uid>--<target uid>/<plan hash>.json, or in --state."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  minato migrate run --from old --to new --yes",
      "  minato migrate run --from old --to new --until copy --yes",
      "      (stops after the copy phase: look, then re-run to go on)",
      "  minato migrate run --from old --to new --remove-from-source --yes",
      "      (deletes from old only what new holds, ready; nothing if new lost anything)",
      "",
      "Exit codes: 0 done (or stopped at --until), 1 a phase could not be",
      "verified or remove found the target without a copy (re-run to resume),",
      "2 source and target are one cluster, a cluster's identity cannot be read,",
      "resources lack a policy, or the state file is for other clusters or another",
      "finished plan, 3 a cluster is unreachable."
    })
public final class MigrateRunCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Mixin MigrationSides sides;

  @Option(
      names = "--state",
      paramLabel = "FILE",
      description = "Progress file (default: one file per cluster pair and plan in --state-dir).")
  Path state;

  @Option(
      names = "--state-dir",
      paramLabel = "DIR",
      description =
          "Home of the default progress files (default: $MINATO_STATE_HOME, else"
              + " $XDG_STATE_HOME/minato, else ~/.local/state/minato).")
  Path stateDir;

  @Option(
      names = "--until",
      paramLabel = "PHASE",
      description = "Stop after this phase: copy, stop, create or remove.")
  String until;

  @Option(
      names = "--timeout",
      paramLabel = "DURATION",
      defaultValue = "10m",
      converter = DurationConverter.class,
      description = "How long each phase waits for its verification (default: ${DEFAULT-VALUE}).")
  Duration timeout;

  @Option(names = "--yes", description = "Do not ask before changing the clusters.")
  boolean yes;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Optional<Phase> stopAfter =
        until == null
            ? Optional.empty()
            : Optional.of(
                Phase.parse(until)
                    .orElseThrow(
                        () ->
                            new ParameterException(
                                spec.commandLine(),
                                "--until '" + until + "': expected copy, stop, create or remove")));
    try (ClusterSession source = ClusterSession.open(sides.source());
        ClusterSession target = ClusterSession.open(sides.target())) {
      ClusterSide from = ClusterSide.of(sides.from, source);
      ClusterSide to = ClusterSide.of(sides.to, target);
      Migrator.requireTwoClusters(from, to);
      MigrationPlan plan =
          MigrationPlan.of(
              source.live(), source.catalog(), sides.namespaces, sides.policy(spec.commandLine()));
      MigrationPlanText.print(plan, source.server(), target.server(), sides.removeFromSource, out);
      if (!plan.runnable()) {
        return ExitCodes.INVALID_INPUT;
      }
      if (!Confirmation.confirmed(yes, "Run this plan?", out, err)) {
        return ExitCodes.CHECK_FAILED;
      }
      Migrator.Outcome outcome =
          new Migrator(from, to)
              .run(
                  plan,
                  new MigrationOptions(
                      sides.removeFromSource,
                      stopAfter,
                      timeout,
                      Optional.ofNullable(state),
                      stateDir != null ? stateDir : StateLocation.defaultHome(System.getenv())),
                  line -> {
                    out.println(line);
                    out.flush();
                  });
      out.println(
          outcome.complete()
              ? "Migration complete (state: " + outcome.state().file() + ")"
              : "Stopped after phase " + until + "; re-run the same command to continue");
      return ExitCodes.OK;
    } catch (ClusterException e) {
      return Failures.report(e, err);
    }
  }
}
