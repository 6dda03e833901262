package dev.minato.cli.cluster;

import dev.minato.cli.ExitCodes;
import dev.minato.cluster.backup.BackupContents;
import dev.minato.cluster.backup.SecretCipher;
import dev.minato.cluster.connect.ClusterException;
import dev.minato.cluster.connect.ClusterSession;
import dev.minato.cluster.restore.NamespaceMap;
import dev.minato.cluster.restore.RestoreOutcome;
import dev.minato.cluster.restore.RestoreReport;
import dev.minato.cluster.restore.RestoredObject;
import dev.minato.cluster.restore.Restorer;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code minato restore}: a backup back into a cluster, in dependency order. */
@Command(
    name = "restore",
    mixinStandardHelpOptions = true,
    header = "Restore a backup in dependency order, idempotently.",
    description = {
      "Restores a minato backup in dependency order: namespaces, CRDs (waiting until established),",
      "service accounts and RBAC, config and secrets, storage, services, workloads, the rest.",
      "Idempotent: objects already as in the backup are reported unchanged and left alone.",
      "The whole backup is checked before anything is restored: every path of its index must lie",
      "inside it (<ns or _cluster>/<Kind[.group]>/<name>.yaml, no links), every checksum match and",
      "every object be the one its place names; otherwise nothing is restored (exit 2)."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  minato restore backups/prod --context new-cluster --dry-run",
      "  minato restore backups/prod --context new-cluster --namespace-map shop:shop-v2 --yes",
      "",
      "Exit codes: 0 restored, 1 some objects failed, 2 invalid or damaged backup,",
      "3 cluster unreachable."
    })
public final class RestoreCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Mixin ClusterOptions cluster;

  @Mixin SecretKeyOptions key;

  @Parameters(paramLabel = "DIR", description = "A directory written by 'minato backup'.")
  Path backup;

  @Option(
      names = "--namespace-map",
      paramLabel = "FROM:TO",
      description = "Restore namespace FROM as TO (repeatable).")
  List<String> namespaceMap = new ArrayList<>();

  @Option(names = "--dry-run", description = "Server-side dry run: report, store nothing.")
  boolean dryRun;

  @Option(names = "--yes", description = "Do not ask before overwriting changed objects.")
  boolean yes;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    try {
      NamespaceMap namespaces = NamespaceMap.parse(namespaceMap);
      Optional<SecretCipher> cipher = key.cipher();
      List<BackupContents.Entry> entries = BackupContents.read(backup, cipher);
      try (ClusterSession session = ClusterSession.open(cluster.target())) {
        Restorer restorer = new Restorer(session.live(), session.catalog());
        if (!dryRun) {
          RestoreReport plan = restorer.restore(entries, namespaces, true, line -> {});
          List<RestoredObject> overwrites =
              plan.objects().stream().filter(o -> o.outcome() == RestoreOutcome.UPDATED).toList();
          out.println(
              "Plan for "
                  + session.server()
                  + ": "
                  + plan.summary().replace(" (dry run: nothing was stored)", ""));
          if (!overwrites.isEmpty()) {
            out.println("These live objects differ from the backup and will be overwritten:");
            overwrites.forEach(o -> out.println("  update " + o.key()));
            out.flush();
            if (!Confirmation.confirmed(yes, "Overwrite them?", out, err)) {
              return ExitCodes.CHECK_FAILED;
            }
          }
        }
        RestoreReport report =
            restorer.restore(
                entries,
                namespaces,
                dryRun,
                line -> {
                  out.println(line);
                  out.flush();
                });
        out.println(report.summary());
        return report.count(RestoreOutcome.FAILED) == 0 ? ExitCodes.OK : ExitCodes.CHECK_FAILED;
      }
    } catch (ClusterException e) {
      return Failures.report(e, err);
    }
  }
}
