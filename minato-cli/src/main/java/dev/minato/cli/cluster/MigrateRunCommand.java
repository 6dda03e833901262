package dev.minato.cli.cluster;

import dev.minato.cli.ExitCodes;
import dev.minato.cluster.connect.ClusterException;
import dev.minato.cluster.connect.ClusterSession;
import dev.minato.cluster.migrate.ClusterSide;
import dev.minato.cluster.migrate.MigrationOptions;
import dev.minato.cluster.migrate.MigrationPlan;
import dev.minato.cluster.migrate.Migrator;
import dev.minato.cluster.migrate.Phase;
import java.io.PrintWriter;
import java.nio.file.Files;
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
      "next. Progress is saved in --state after every phase: re-run the same command to resume."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  minato migrate run --from old --to new --yes",
      "  minato migrate run --from old --to new --until copy --yes",
      "      (stops after the copy phase: look, then re-run to go on)",
      "",
      "Exit codes: 0 done (or stopped at --until), 1 a phase could not be",
      "verified (re-run to resume), 2 resources lack a policy or the state file",
      "is for other clusters, 3 a cluster is unreachable."
    })
public final class MigrateRunCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Mixin MigrationSides sides;

  @Option(
      names = "--state",
      paramLabel = "FILE",
      defaultValue = "minato-migration.json",
      description = "Progress file (default: ${DEFAULT-VALUE}).")
  Path state;

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
      MigrationPlan plan =
          MigrationPlan.of(
              source.live(), source.catalog(), sides.namespaces, sides.policy(spec.commandLine()));
      boolean resuming = Files.exists(state);
      if (!resuming) {
        MigrationPlanText.print(
            plan, source.server(), target.server(), sides.removeFromSource, out);
        if (!plan.runnable()) {
          return ExitCodes.INVALID_INPUT;
        }
      }
      if (!Confirmation.confirmed(
          yes,
          resuming ? "Resume the migration recorded in " + state + "?" : "Run this plan?",
          out,
          err)) {
        return ExitCodes.CHECK_FAILED;
      }
      Migrator migrator =
          new Migrator(
              new ClusterSide(source.server(), source.live(), source.catalog()),
              new ClusterSide(target.server(), target.live(), target.catalog()));
      Migrator.Outcome outcome =
          migrator.run(
              plan,
              new MigrationOptions(sides.removeFromSource, stopAfter, timeout, state),
              line -> {
                out.println(line);
                out.flush();
              });
      out.println(
          outcome.complete()
              ? "Migration complete (state: " + state + ")"
              : "Stopped after phase " + until + "; re-run the same command to continue");
      return ExitCodes.OK;
    } catch (ClusterException e) {
      return Failures.report(e, err);
    }
  }
}
