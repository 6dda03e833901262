package dev.minato.cli.cluster;

import dev.minato.cli.ExitCodes;
import dev.minato.cluster.apply.Applier;
import dev.minato.cluster.apply.ApplyOptions;
import dev.minato.cluster.apply.ApplyPlan;
import dev.minato.cluster.apply.ApplyReport;
import dev.minato.cluster.apply.DryRun;
import dev.minato.cluster.apply.Inventory;
import dev.minato.cluster.apply.InventoryName;
import dev.minato.cluster.apply.Outcome;
import dev.minato.cluster.connect.ClusterException;
import dev.minato.cluster.connect.ClusterSession;
import dev.minato.manifest.KubeObject;
import dev.minato.manifest.ObjectKey;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code minato apply}: server-side apply of files, directories, stdin or a kustomize overlay. */
@Command(
    name = "apply",
    mixinStandardHelpOptions = true,
    header = "Server-side apply manifests (diff, dry-run, prune that proves ownership).",
    description = {
      "Applies manifests with server-side apply (field manager 'minato'), in dependency order.",
      "Objects are labelled minato.dev/inventory=<name>; those minato creates are recorded in the",
      "ConfigMap minato-inventory-<name> in their namespace, with the cluster and the input it was",
      "written for. The name is <app>-<env> for minato's generated output, else derived from the",
      "input path. --prune deletes only recorded objects that still carry the label, after",
      "proving no other inventory, app or environment claims them; it lists them first."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  minato apply -f deploy/shop-api/prd.yaml --diff     one flat environment: what would change",
      "  minato apply -k manifests/shop-api/overlays/prd --dry-run=server",
      "  minato apply -k manifests/shop-api/overlays/prd --prune --wait --context prod",
      "  kustomize build overlays/prd | minato apply -f - --inventory shop-prd",
      "  minato apply -f manifests/ -n team-a     (-n never moves an object that names a namespace)",
      "",
      "Exit codes: 0 applied, 1 an object failed, a rollout timed out, or the prune was not",
      "confirmed, 2 invalid input or ownership not proven (nothing changed),",
      "3 cluster unreachable or kubectl missing (for -k)."
    })
public final class ApplyCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Mixin ClusterOptions cluster;

  @Mixin ManifestInput input;

  @Option(
      names = "--dry-run",
      paramLabel = "MODE",
      arity = "0..1",
      parameterConsumer = DryRunConsumer.class,
      description =
          "none (default), server (the server checks every request and stores nothing; also"
              + " bare --dry-run), or client (checked here: kinds, namespaces and ownership are"
              + " read from the cluster, nothing is sent for writing).")
  DryRun dryRun = DryRun.NONE;

  @Option(
      names = "--diff",
      description =
          "Print what would change, object by object; store nothing. Exits 1 when something"
              + " would change, like kubectl diff.")
  boolean diff;

  @Option(
      names = "--prune",
      description =
          "Delete objects this inventory created that left the input (listed first, then asked).")
  boolean prune;

  @Option(
      names = "--inventory",
      paramLabel = "NAME",
      description =
          "Name of this set of objects (default: <app>-<env> from the objects' labels, else the"
              + " input path).")
  String inventory;

  @Option(
      names = "--inventory-namespace",
      paramLabel = "NS",
      description = "Namespace of the inventory ConfigMap (default: the objects' namespace).")
  String inventoryNamespace;

  @Option(
      names = "--adopt-inventory",
      description =
          "Take over an inventory written for another input or in another cluster (a moved"
              + " directory, a restored backup).")
  boolean adoptInventory;

  @Option(
      names = {"-n", "--namespace"},
      paramLabel = "NS",
      description =
          "Namespace for objects that name none (default: the context's); an object naming"
              + " another is an error.")
  String namespace;

  @Option(
      names = "--force-namespace",
      description = "Let -n move objects that name another namespace.")
  boolean forceNamespace;

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

  @Option(names = "--yes", description = "Do not ask before pruning (the list is still printed).")
  boolean yes;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    try {
      Optional<String> wrongMode =
          DryRunConsumer.invalidAttached(spec.commandLine().getParseResult().originalArgs());
      if (wrongMode.isPresent()) {
        throw ClusterException.invalidInput(
            "--dry-run=" + wrongMode.get() + " is not one of none, client, server");
      }
      if (forceNamespace && namespace == null) {
        throw ClusterException.invalidInput("--force-namespace needs -n NS");
      }
      List<KubeObject> objects = input.read();
      String name = inventoryName(objects);
      try (ClusterSession session = ClusterSession.open(cluster.target())) {
        ApplyOptions options =
            ApplyOptions.into(
                    new Inventory(name, inventoryNamespace == null ? "" : inventoryNamespace))
                .withDryRun(dryRun)
                .withInput(input.recorded(), adoptInventory)
                .withNamespaces(
                    Optional.ofNullable(namespace), session.defaultNamespace(), forceNamespace);
        if (diff) {
          options = options.withDiff();
        }
        if (prune) {
          options = options.withPrune();
        }
        if (waitForRollouts) {
          options = options.withRolloutTimeout(timeout);
        }
        Applier applier = Applier.of(session);
        ApplyPlan plan = applier.plan(objects, options);
        out.println(
            (options.storesNothing() ? "Dry run against " : "Applying to ")
                + session.server()
                + " ("
                + objects.size()
                + " objects, inventory "
                + plan.inventory().name()
                + " in "
                + plan.inventory().describe()
                + ")");
        if (prune && !confirmPrune(plan, out, err)) {
          return ExitCodes.CHECK_FAILED;
        }
        out.flush();
        ApplyReport report =
            applier.apply(
                plan,
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

  private String inventoryName(List<KubeObject> objects) throws ClusterException {
    if (inventory == null) {
      return InventoryName.derive(objects, input.sources());
    }
    if (!Inventory.isValidName(inventory)) {
      throw ClusterException.invalidInput(
          "inventory name '"
              + inventory
              + "' is not a DNS label of at most 40 characters; choose one with --inventory");
    }
    return inventory;
  }

  /** Prints exactly what --prune will delete, always, then asks unless --yes or nothing changes. */
  private boolean confirmPrune(ApplyPlan plan, PrintWriter out, PrintWriter err) {
    List<ObjectKey> deletions = plan.deletedKeys();
    if (deletions.isEmpty()) {
      out.println("Prune: nothing to delete.");
      return true;
    }
    boolean real = !plan.options().storesNothing();
    out.println(
        "Prune: "
            + (real ? "will delete " : "would delete ")
            + deletions.size()
            + " object(s) minato created for this inventory and the input no longer has:");
    deletions.forEach(k -> out.println("  delete " + k));
    out.flush();
    return !real || Confirmation.confirmed(yes, "Delete them?", out, err);
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
}
