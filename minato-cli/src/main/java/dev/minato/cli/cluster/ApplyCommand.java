package dev.minato.cli.cluster;

import dev.minato.cli.ExitCodes;
import dev.minato.cluster.apply.Applier;
import dev.minato.cluster.apply.ApplyOptions;
import dev.minato.cluster.apply.ApplyReport;
import dev.minato.cluster.apply.Inventory;
import dev.minato.cluster.apply.ObjectResult;
import dev.minato.cluster.apply.Outcome;
import dev.minato.cluster.connect.ClusterException;
import dev.minato.cluster.connect.ClusterSession;
import dev.minato.manifest.KubeObject;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code minato apply}: server-side apply of a directory or a kustomize overlay. */
@Command(
    name = "apply",
    mixinStandardHelpOptions = true,
    header = "Server-side apply a directory or kustomize overlay (diff, dry-run, prune).",
    description = {
      "Applies manifests with server-side apply (field manager 'minato'), in dependency order.",
      "Objects minato creates are labelled minato.dev/inventory=<name> and recorded in the",
      "ConfigMap minato-inventory-<name>; --prune deletes only those, never anything else."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  minato apply manifests/ --diff       what would change (Secrets masked)",
      "  minato apply manifests/ --dry-run    the server checks, stores nothing",
      "  minato apply -k overlays/prod --prune --wait --context prod",
      "",
      "Exit codes: 0 applied, 1 an object failed or a rollout timed out,",
      "2 invalid input, 3 cluster unreachable or kubectl missing (for -k)."
    })
public final class ApplyCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Mixin ClusterOptions cluster;

  @ArgGroup(multiplicity = "1")
  ManifestInput input;

  @Option(names = "--dry-run", description = "Server-side dry run: report, store nothing.")
  boolean dryRun;

  @Option(
      names = "--diff",
      description =
          "Print what would change, object by object; store nothing. Exits 1 when something"
              + " would change, like kubectl diff.")
  boolean diff;

  @Option(
      names = "--prune",
      description = "Delete objects minato created earlier that left the input.")
  boolean prune;

  @Option(
      names = "--inventory",
      paramLabel = "NAME",
      description = "Name of this set of objects (default: the input directory's name).")
  String inventory;

  @Option(
      names = "--inventory-namespace",
      paramLabel = "NS",
      defaultValue = "default",
      description = "Namespace of the inventory ConfigMap (default: ${DEFAULT-VALUE}).")
  String inventoryNamespace;

  @Option(
      names = {"-n", "--namespace"},
      paramLabel = "NS",
      description = "Namespace for objects that name none (default: the context's).")
  String namespace;

  @Option(
      names = "--wait",
      description = "Wait until Deployments, StatefulSets, DaemonSets are ready.")
  boolean waitForRollouts;

  @Option(
      names = "--timeout",
      paramLabel = "DURATION",
      defaultValue = "5m",
      converter = DurationConverter.class,
      description = "How long --wait waits (default: ${DEFAULT-VALUE}).")
  Duration timeout;

  @Option(names = "--yes", description = "Do not ask before pruning.")
  boolean yes;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Path source = input.path();
    String inventoryName = inventory != null ? inventory : defaultInventory(source);
    if (!Inventory.isValidName(inventoryName)) {
      err.println(
          "minato: inventory name '"
              + inventoryName
              + "' is not a DNS label of at most 40 characters; choose one with --inventory");
      return ExitCodes.INVALID_INPUT;
    }
    try {
      List<KubeObject> objects = input.read();
      try (ClusterSession session = ClusterSession.open(cluster.target())) {
        ApplyOptions options =
            new ApplyOptions(
                dryRun,
                diff,
                prune,
                inventoryName,
                inventoryNamespace,
                namespace != null ? namespace : session.defaultNamespace(),
                waitForRollouts ? Optional.of(timeout) : Optional.empty());
        Applier applier = new Applier(session.live(), session.catalog());
        if (prune
            && !options.storesNothing()
            && !confirmPrune(applier, objects, options, out, err)) {
          return ExitCodes.CHECK_FAILED;
        }
        out.println(
            (options.storesNothing() ? "Dry run against " : "Applying to ")
                + session.server()
                + " ("
                + objects.size()
                + " objects, inventory "
                + inventoryName
                + ")");
        out.flush();
        ApplyReport report =
            applier.apply(
                objects,
                options,
                line -> {
                  out.println(line);
                  out.flush();
                });
        if (diff) {
          out.print(report.diff().isEmpty() ? "No differences.\n" : report.diff());
        }
        out.println(summary(report, options));
        report
            .notReady()
            .forEach(k -> err.println("minato: not ready after " + timeout + ": " + k));
        if (!report.succeeded()) {
          return ExitCodes.CHECK_FAILED;
        }
        // Like kubectl diff: a pipeline can ask "is the cluster up to date?" by the exit code.
        return diff && !report.diff().isEmpty() ? ExitCodes.CHECK_FAILED : ExitCodes.OK;
      }
    } catch (ClusterException e) {
      return Failures.report(e, err);
    }
  }

  private boolean confirmPrune(
      Applier applier,
      List<KubeObject> objects,
      ApplyOptions options,
      PrintWriter out,
      PrintWriter err)
      throws ClusterException {
    ApplyOptions preview =
        new ApplyOptions(
            true,
            false,
            true,
            options.inventory(),
            options.inventoryNamespace(),
            options.defaultNamespace(),
            Optional.empty());
    ApplyReport plan = applier.apply(objects, preview, line -> {});
    List<ObjectResult> deletions =
        plan.results().stream().filter(r -> r.outcome() == Outcome.PRUNED).toList();
    if (deletions.isEmpty()) {
      return true;
    }
    out.println("Plan: --prune will delete " + deletions.size() + " object(s) minato created:");
    deletions.forEach(r -> out.println("  delete " + r.key()));
    out.flush();
    return Confirmation.confirmed(yes, "Delete them?", out, err);
  }

  private static String summary(ApplyReport report, ApplyOptions options) {
    StringBuilder text = new StringBuilder();
    for (Outcome outcome : Outcome.values()) {
      if (text.length() > 0) {
        text.append(", ");
      }
      text.append(report.count(outcome)).append(' ').append(outcome.word());
    }
    return text + (options.storesNothing() ? " (dry run: nothing was stored)" : "");
  }

  static String defaultInventory(Path source) {
    Path name = source.toAbsolutePath().normalize().getFileName();
    String text = name == null ? "" : name.toString().toLowerCase(Locale.ROOT);
    text = text.replaceAll("[^a-z0-9-]+", "-").replaceAll("^-+|-+$", "");
    return text.length() > 40 ? text.substring(0, 40).replaceAll("-+$", "") : text;
  }
}
