package dev.minato.cli.cluster;

import dev.minato.cli.ExitCodes;
import dev.minato.cluster.backup.BackupOptions;
import dev.minato.cluster.backup.BackupReport;
import dev.minato.cluster.backup.BackupWriter;
import dev.minato.cluster.backup.SecretCipher;
import dev.minato.cluster.connect.ClusterException;
import dev.minato.cluster.connect.ClusterSession;
import dev.minato.manifest.InvalidValueException;
import dev.minato.manifest.selector.LabelSelector;
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
import picocli.CommandLine.Spec;

/** {@code minato backup}: every resource the API server lists, as a diffable directory. */
@Command(
    name = "backup",
    mixinStandardHelpOptions = true,
    header = "Back up every resource of a cluster into a diffable directory.",
    subcommands = BackupVerifyCommand.class,
    description = {
      "Backs up every resource the API server lists (discovery-driven: namespaced, cluster-scoped",
      "and custom resources) into <dir>/<namespace or _cluster>/<Kind[.group]>/<name>.yaml plus",
      "index.yaml (counts and sha256 checksums). Objects are cleaned of server-owned fields;",
      "objects owned by others (ReplicaSets, Pods...) and generated ones (Events, Endpoints,",
      "EndpointSlices, Leases) are left out, as are the kube-system, kube-public and",
      "kube-node-lease namespaces unless named with --namespace (a namespace the cluster does not",
      "have is refused, with a suggestion). The backup is written next to <dir> and swapped in at",
      "the end: an interrupted backup leaves the previous one intact, and the next run cleans up",
      "after it. A backup never silently shrinks: replacing one that holds objects the new one",
      "lacks needs --replace; without it nothing is written and the lost objects are named."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  minato backup -o backups/prod --context prod",
      "  minato backup -o backups/shop -n shop -l app=web",
      "  minato backup -o backups/shop -n shop --replace   after deleting objects on purpose",
      "  head -c 32 /dev/urandom | base64 > backup.key",
      "  minato backup -o backups/prod --include-secrets \\",
      "      --encryption-key-file backup.key",
      "  minato backup verify backups/prod --context scratch --yes",
      "",
      "Exit codes: 0 written, 2 invalid input (unknown namespace, a backup that would",
      "shrink without --replace, a directory that is not a backup), 3 cluster",
      "unreachable or disk error."
    })
public final class BackupCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Mixin ClusterOptions cluster;

  @Mixin SecretKeyOptions key;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "DIR",
      description = "Backup directory (replaced atomically if it holds a backup).")
  Path output;

  @Option(
      names = {"-n", "--namespace"},
      paramLabel = "NS",
      split = ",",
      description = "Only these namespaces (repeatable or comma-separated).")
  List<String> namespaces = new ArrayList<>();

  @Option(
      names = {"-l", "--selector"},
      paramLabel = "SELECTOR",
      description = "Only objects matching this label selector (e.g. app=web,tier!=db).")
  String selector;

  @Option(
      names = "--include-secrets",
      description = "Include Secrets, encrypted with AES-256-GCM (needs a key option).")
  boolean includeSecrets;

  @Option(
      names = "--replace",
      description =
          "Replace an existing backup even when the new one lacks some of its objects (they are"
              + " named in the report).")
  boolean replace;

  @Option(
      names = "--page-size",
      paramLabel = "N",
      defaultValue = "500",
      description = "Objects per list request (default: ${DEFAULT-VALUE}).")
  int pageSize;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (output == null) {
      err.println("minato: backup needs -o DIR (or a subcommand: verify)");
      return ExitCodes.INVALID_INPUT;
    }
    if (pageSize < 1) {
      err.println("minato: --page-size must be at least 1");
      return ExitCodes.INVALID_INPUT;
    }
    if (selector != null) {
      try {
        LabelSelector.parse(selector); // the API server's message would carry no column
      } catch (InvalidValueException e) {
        err.println("minato: --selector: " + e.getMessage());
        return ExitCodes.INVALID_INPUT;
      }
    }
    try {
      Optional<SecretCipher> cipher = key.cipher();
      if (includeSecrets && cipher.isEmpty()) {
        throw ClusterException.invalidInput(
            "--include-secrets needs a key: --encryption-key-file FILE or --encryption-key-env VAR"
                + " (create one with 'head -c 32 /dev/urandom | base64')");
      }
      if (!includeSecrets && cipher.isPresent()) {
        throw ClusterException.invalidInput(
            "an encryption key was given without --include-secrets; add --include-secrets to back"
                + " up Secrets");
      }
      try (ClusterSession session = ClusterSession.open(cluster.target())) {
        BackupOptions options =
            new BackupOptions(
                List.copyOf(namespaces), Optional.ofNullable(selector), cipher, pageSize, replace);
        BackupReport report =
            new BackupWriter(session.live(), session.catalog())
                .write(output, options, Progress.to(err));
        out.println(
            "Backed up "
                + report.index().total()
                + " objects of "
                + report.index().counts().size()
                + " kinds from "
                + session.server()
                + " to "
                + output);
        report
            .lostSummary()
            .ifPresent(lost -> out.println("  replaced the previous backup (--replace): " + lost));
        if (report.ownedSkipped() > 0) {
          out.println("  left out " + report.ownedSkipped() + " objects owned by other objects");
        }
        if (report.secretsSkipped() > 0) {
          out.println(
              "  left out "
                  + report.secretsSkipped()
                  + " Secrets (add --include-secrets to keep them, encrypted)");
        }
        return ExitCodes.OK;
      }
    } catch (ClusterException e) {
      return Failures.report(e, err);
    }
  }
}
