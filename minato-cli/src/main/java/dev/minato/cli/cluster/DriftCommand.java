package dev.minato.cli.cluster;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.minato.cli.ExitCodes;
import dev.minato.cluster.backup.BackupContents;
import dev.minato.cluster.connect.ClusterException;
import dev.minato.cluster.connect.ClusterSession;
import dev.minato.cluster.drift.DriftDetector;
import dev.minato.cluster.drift.DriftFinding;
import dev.minato.cluster.drift.DriftKind;
import dev.minato.cluster.drift.DriftReport;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code minato drift}: did every change flow from the repository to the cluster? */
@Command(
    name = "drift",
    mixinStandardHelpOptions = true,
    header = "Report objects changed by hand, missing or extra in a cluster.",
    description = {
      "Compares generated manifests (or a backup) with the live cluster and reports objects",
      "changed by hand, missing, or extra (in the namespaces the manifests use). A live object",
      "matches when it holds every field the manifest sets; defaults and status are not drift."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  minato drift manifests/ --context prod",
      "  minato drift -k overlays/prod --context prod",
      "  minato drift --backup backups/prod --context prod",
      "",
      "Exit codes: 0 no drift, 1 drift found, 2 invalid input,",
      "3 cluster unreachable."
    })
public final class DriftCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Mixin ClusterOptions cluster;

  @Mixin SecretKeyOptions key;

  @Mixin ManifestInput input;

  @Option(
      names = "--backup",
      paramLabel = "DIR",
      description = "A backup written by 'minato backup' (instead of manifests).")
  Path backup;

  @Option(
      names = {"-n", "--namespace"},
      paramLabel = "NS",
      description = "Namespace of manifests that name none (default: the context's).")
  String namespace;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    try {
      List<ObjectNode> desired = new ArrayList<>();
      if (backup != null && input.given()) {
        throw ClusterException.invalidInput("compare either manifests or --backup DIR, not both");
      }
      if (backup != null) {
        BackupContents.read(backup, key.cipher()).forEach(e -> desired.add(e.object()));
      } else {
        input.read().forEach(o -> desired.add(o.tree()));
      }
      try (ClusterSession session = ClusterSession.open(cluster.target())) {
        DriftReport report =
            new DriftDetector(session.live(), session.catalog())
                .compare(desired, namespace != null ? namespace : session.defaultNamespace());
        for (DriftFinding finding : report.findings()) {
          boolean changed = finding.kind() == DriftKind.CHANGED;
          out.println(
              String.format(
                  "%-8s %s%s",
                  finding.kind().word(), finding.key(), changed ? "  (live → repository)" : ""));
          if (!finding.note().isEmpty()) {
            out.println("           " + finding.note());
          }
          finding.changes().forEach(c -> c.lines().forEach(l -> out.println("           " + l)));
        }
        out.println(
            report.clean()
                ? "No drift: " + report.compared() + " objects as the repository says."
                : report.findings().size()
                    + " drifted ("
                    + report.count(DriftKind.CHANGED)
                    + " changed, "
                    + report.count(DriftKind.MISSING)
                    + " missing, "
                    + report.count(DriftKind.EXTRA)
                    + " extra); "
                    + report.compared()
                    + " objects compared");
        return report.clean() ? ExitCodes.OK : ExitCodes.CHECK_FAILED;
      }
    } catch (ClusterException e) {
      return Failures.report(e, err);
    }
  }
}
