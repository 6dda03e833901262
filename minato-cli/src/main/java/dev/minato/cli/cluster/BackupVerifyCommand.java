package dev.minato.cli.cluster;

import dev.minato.cli.ExitCodes;
import dev.minato.cluster.backup.BackupIndex;
import dev.minato.cluster.connect.ClusterException;
import dev.minato.cluster.connect.ClusterSession;
import dev.minato.cluster.restore.BackupVerification;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code minato backup verify}: the restore test that makes a broken backup impossible to miss. */
@Command(
    name = "verify",
    mixinStandardHelpOptions = true,
    header = "Restore a backup into a cluster and compare: the restore test.",
    description = {
      "Restores a backup into a cluster (point it at a scratch cluster), backs that cluster up",
      "again and compares file by file. Objects the cluster holds beyond the backup are ignored."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  minato backup verify backups/prod --context scratch --yes",
      "",
      "Exit codes: 0 the backup restores identically, 1 differences or failed",
      "objects, 2 invalid or damaged backup, 3 cluster unreachable."
    })
public final class BackupVerifyCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Mixin ClusterOptions cluster;

  @Mixin SecretKeyOptions key;

  @Parameters(paramLabel = "DIR", description = "The backup to verify.")
  Path backup;

  @picocli.CommandLine.Option(names = "--yes", description = "Do not ask before restoring.")
  boolean yes;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    try {
      BackupIndex index = BackupIndex.read(backup);
      try (ClusterSession session = ClusterSession.open(cluster.target())) {
        out.println(
            "Plan: restore "
                + index.total()
                + " objects from "
                + backup
                + " into "
                + session.server()
                + ", back it up again and compare.");
        out.flush();
        if (!Confirmation.confirmed(yes, "Restore into this cluster?", out, err)) {
          return ExitCodes.CHECK_FAILED;
        }
        BackupVerification verification =
            BackupVerification.run(
                session.live(), session.catalog(), backup, key.cipher(), Progress.to(err));
        verification.differences().forEach(d -> out.println("  " + d));
        verification.restore().objects().stream()
            .filter(o -> !o.message().isEmpty())
            .forEach(o -> out.println("  failed " + o.key() + ": " + o.message()));
        out.println(
            (verification.passed() ? "Backup verified: " : "Backup verification FAILED: ")
                + verification.restore().summary()
                + "; "
                + verification.differences().size()
                + " file(s) differ after the round trip");
        return verification.passed() ? ExitCodes.OK : ExitCodes.CHECK_FAILED;
      }
    } catch (ClusterException e) {
      return Failures.report(e, err);
    }
  }
}
