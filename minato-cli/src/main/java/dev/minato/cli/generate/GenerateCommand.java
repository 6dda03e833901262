package dev.minato.cli.generate;

import dev.minato.cli.ExitCodes;
import dev.minato.cli.UserError;
import dev.minato.cli.edge.NodePortAllocation;
import dev.minato.edge.nodeport.NodePorts;
import dev.minato.edge.nodeport.Repository;
import dev.minato.edge.nodeport.RepositoryNodePorts;
import dev.minato.render.layout.GeneratedFiles;
import dev.minato.render.layout.Layout;
import dev.minato.render.layout.OutputDifference;
import dev.minato.render.layout.OutputDirectory;
import dev.minato.render.layout.RuleTestLayout;
import dev.minato.spec.App;
import dev.minato.spec.Environment;
import dev.minato.spec.PlatformMonitoring;
import dev.minato.spec.read.SpecException;
import dev.minato.spec.read.SpecLoader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code minato generate}: every spec found becomes manifests, replacing the output as a whole. */
@Command(
    name = "generate",
    mixinStandardHelpOptions = true,
    description = {
      "Turn minato.yaml specs into Kubernetes manifests.",
      "For each app a kustomize base and one overlay per environment, or with --flat one",
      "ready-to-apply file per environment.",
      "The output directory is replaced as a whole; nothing is written when a spec has errors."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  minato generate                         every minato.yaml below . into ./manifests",
      "  minato generate -f apps/shop -o deploy  one app's spec into ./deploy",
      "  minato generate --flat -o flat          <app>/<env>.yaml for kubectl apply -f",
      "  minato generate --check                 in CI: is ./manifests what the specs generate?",
      "  minato generate --emit-rule-tests rule-tests && promtool test rules rule-tests/*/*/*.test.yaml",
      "",
      "Spec files are named minato.yaml or *.minato.yaml. See docs/spec.md for every field."
    })
public final class GenerateCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(
      names = {"-f", "--file"},
      paramLabel = "PATH",
      description = "A spec file, or a directory searched for specs (repeatable; default: .).")
  List<Path> inputs = List.of(Path.of("."));

  @Option(
      names = {"-o", "--output"},
      paramLabel = "DIR",
      description = "The output directory, replaced as a whole (default: ${DEFAULT-VALUE}).")
  Path output = Path.of("manifests");

  @Option(
      names = "--flat",
      description = "Write <app>/<env>.yaml files instead of kustomize bases and overlays.")
  boolean flat;

  @Option(
      names = "--check",
      description =
          "Write nothing; exit 1 when the output directory or nodeports.lock differs from what"
              + " generate would write, listing each file.")
  boolean check;

  @Option(
      names = "--emit-rule-tests",
      paramLabel = "DIR",
      description =
          "Also write <app>/<env>/rules.yaml (the app's Prometheus rules as a plain rule file) and"
              + " rules.test.yaml (their promtool unit tests) to DIR, replaced as a whole.")
  Path ruleTests;

  @Option(
      names = {"-q", "--quiet"},
      description = "Print nothing but errors.")
  boolean quiet;

  @Override
  public Integer call() {
    PrintWriter err = spec.commandLine().getErr();
    List<App> specs = loadOrFail(inputs, err);
    // The same allocation as 'minato nodeports': auto ports are filled in and the lock kept.
    RepositoryNodePorts nodePorts = RepositoryNodePorts.of(Repository.of(inputs));
    // Read first, so a mistake in it is reported as the platform's, not as a NodePort problem.
    PlatformMonitoring monitoring = monitoringOrFail(nodePorts, err);
    RepositoryNodePorts.Result allocation =
        NodePortAllocation.allocateOrFail(nodePorts, specs, err);
    allocation.allocation().warnings().forEach(w -> err.println("warning: " + w));
    List<App> apps = NodePorts.resolve(specs, allocation.allocation().automatic());
    Layout layout = flat ? Layout.FLAT : Layout.KUSTOMIZE;
    GeneratedFiles files;
    try {
      files = layout.write(apps, monitoring);
    } catch (SpecException e) {
      throw invalid(e, err);
    }
    if (check) {
      return check(files, allocation.lockChanged() ? nodePorts.lockFile() : null);
    }
    replace(output, files);
    if (ruleTests != null) {
      replace(ruleTests, RuleTestLayout.write(apps, monitoring));
    }
    if (allocation.lockChanged()) {
      try {
        allocation.allocation().lock().write(nodePorts.lockFile());
      } catch (IOException e) {
        throw UserError.environment("cannot write " + nodePorts.lockFile() + ": " + e.getMessage());
      }
      if (!quiet) {
        spec.commandLine().getOut().println("Updated " + nodePorts.lockFile());
      }
    }
    if (!quiet) {
      PrintWriter out = spec.commandLine().getOut();
      for (App app : apps) {
        out.printf(
            "%-20s %s%n",
            app.name(),
            app.environments().stream().map(Environment::name).collect(Collectors.joining(", ")));
      }
      out.printf(
          "Wrote %d files for %d %s to %s%n",
          files.files().size(), apps.size(), apps.size() == 1 ? "app" : "apps", output);
    }
    return ExitCodes.OK;
  }

  private static void replace(Path dir, GeneratedFiles files) {
    try {
      OutputDirectory.replace(dir, files);
    } catch (OutputDirectory.NotOursException e) {
      throw UserError.invalidInput(e.getMessage());
    } catch (IOException e) {
      throw UserError.environment("cannot write " + dir + ": " + e.getMessage());
    }
  }

  /**
   * Compares instead of writing: every file that would be added, changed or removed, and a stale
   * lock file, are listed; exit 1 if there is any.
   */
  private int check(GeneratedFiles files, Path staleLock) {
    List<OutputDifference> differences;
    try {
      differences = OutputDirectory.differences(output, files);
    } catch (OutputDirectory.NotOursException e) {
      throw UserError.invalidInput(e.getMessage());
    } catch (IOException e) {
      throw UserError.environment("cannot read " + output + ": " + e.getMessage());
    }
    PrintWriter out = spec.commandLine().getOut();
    for (OutputDifference difference : differences) {
      out.println(difference.kind().words() + " " + output.resolve(difference.path()));
    }
    if (staleLock != null) {
      out.println("would update " + staleLock + " (NodePorts to assign or drop)");
    }
    if (differences.isEmpty() && staleLock == null) {
      if (!quiet) {
        out.println(output + " is up to date with the specs");
      }
      return ExitCodes.OK;
    }
    spec.commandLine()
        .getErr()
        .println(
            "minato: "
                + output
                + " is not what the specs generate ("
                + differences.size()
                + (differences.size() == 1 ? " file" : " files")
                + (staleLock != null ? ", and the lock file" : "")
                + "); run 'minato generate' and commit the result");
    return ExitCodes.CHECK_FAILED;
  }

  /** How {@code platform.yaml} says the apps are monitored, or every error in it and exit 2. */
  public static PlatformMonitoring monitoringOrFail(
      RepositoryNodePorts nodePorts, PrintWriter err) {
    try {
      return nodePorts.platform().monitoring();
    } catch (SpecException e) {
      throw invalid(e, err);
    }
  }

  /** Loads specs, or prints every error and fails with exit code 2. */
  public static List<App> loadOrFail(List<Path> inputs, PrintWriter err) {
    try {
      return SpecLoader.load(inputs);
    } catch (SpecException e) {
      throw invalid(e, err);
    }
  }

  /**
   * Prints every error of the specs (found reading them, or applying their patches to the rendered
   * objects) and returns the exit-2 failure to throw: nothing was written.
   */
  public static UserError invalid(SpecException e, PrintWriter err) {
    e.errors().forEach(error -> err.println(error));
    int count = e.errors().size();
    return UserError.invalidInput(
        count + (count == 1 ? " error" : " errors") + " in the specs; nothing was written");
  }
}
