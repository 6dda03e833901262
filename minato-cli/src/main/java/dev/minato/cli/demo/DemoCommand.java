package dev.minato.cli.demo;

import dev.minato.cli.ExitCodes;
import dev.minato.cli.UserError;
import dev.minato.cli.cluster.MigrationDemo;
import dev.minato.cli.edge.NodePortAllocation;
import dev.minato.cli.generate.GenerateCommand;
import dev.minato.cli.load.LoadDemo;
import dev.minato.edge.nodeport.Repository;
import dev.minato.edge.nodeport.RepositoryNodePorts;
import dev.minato.render.layout.GeneratedFiles;
import dev.minato.render.layout.Layout;
import dev.minato.render.layout.OutputDirectory;
import dev.minato.spec.App;
import dev.minato.spec.PlatformMonitoring;
import dev.minato.spec.read.SpecException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code minato demo}: the main job on the bundled examples, shown step by step. */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
      "Run minato on the bundled examples and show what came out.",
      "Generates their manifests into a temporary directory, checks them, renders a load",
      "balancer, runs a short load test and a migration between two API emulators, encrypts a",
      "Secret, makes a release into a temporary git repository, masks secrets in log lines, and",
      "mirrors requests from an old copy of a service to a moved one, comparing their answers."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  minato demo                      the bundled examples",
      "  minato demo --examples ./apps    your own specs, same walk-through"
    })
public final class DemoCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(
      names = "--examples",
      paramLabel = "DIR",
      description = "Where the example specs are (default: the examples/ of this checkout).")
  Path examples;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "DIR",
      description = "Where to write (default: a new temporary directory).")
  Path output;

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    Path specs = examples != null ? examples : defaultExamples();
    Path target =
        output != null ? output : Files.createTempDirectory("minato-demo-").resolve("manifests");

    step(out, "1. Read the specs in " + specs);
    List<App> apps =
        NodePortAllocation.resolveFromLock(
            List.of(specs),
            GenerateCommand.loadOrFail(List.of(specs), spec.commandLine().getErr()),
            spec.commandLine().getErr());
    PlatformMonitoring monitoring =
        GenerateCommand.monitoringOrFail(
            RepositoryNodePorts.of(Repository.of(List.of(specs))), spec.commandLine().getErr());
    NodePortTable.print(out, specs, apps);
    for (App app : apps) {
      AppSummary.print(out, app);
    }

    step(out, "2. Generate a kustomize base and overlays per environment into " + target);
    GeneratedFiles files;
    try {
      files = Layout.KUSTOMIZE.write(apps, monitoring);
    } catch (SpecException e) {
      throw GenerateCommand.invalid(e, spec.commandLine().getErr());
    }
    OutputDirectory.replace(target, files);
    FileTree.of(files.files().keySet()).print(out, target.getFileName().toString());
    out.printf(
        "%d files for %d apps. Build an overlay with: kubectl kustomize %s%n",
        files.files().size(),
        apps.size(),
        target
            .resolve(apps.get(0).name())
            .resolve("overlays")
            .resolve(apps.get(0).environments().get(0).name()));

    step(out, "3. Check what was generated");
    try {
      CheckDemo.check(out, apps, monitoring);
    } catch (SpecException e) {
      throw GenerateCommand.invalid(e, spec.commandLine().getErr());
    }
    MonitoringDemo.print(out, apps);

    Path inventory = specs.resolve("nodes").resolve("prd.yaml");
    if (Files.exists(inventory)) {
      step(out, "4. Render the prd load balancer (HAProxy) from the specs and " + inventory);
      LoadBalancerDemo.render(out, apps, inventory);
    }

    step(out, "5. Load-test a small HTTP server on 127.0.0.1 (open model, SLO gates)");
    int load = LoadDemo.run(out);
    out.flush();
    if (load == ExitCodes.ENVIRONMENT) {
      return load;
    }

    step(out, "6. Migrate a shop between two API emulators, honouring each migration policy");
    int migration = MigrationDemo.run(out);
    out.flush();
    if (migration != ExitCodes.OK) {
      return migration;
    }

    step(out, "7. Encrypt a Secret for an age key (SOPS format) and open it in memory");
    int secrets = SecretsDemo.run(out);
    out.flush();
    if (secrets != ExitCodes.OK) {
      return secrets;
    }

    step(out, "8. Release an image into a manifest repository (a temporary git repository)");
    ReleaseDemo.run(out);
    out.flush();

    step(out, "9. Mask secrets in a few LTSV log lines and route them by app");
    LogsDemo.run(out);
    out.flush();

    step(out, "10. Mirror requests from an old copy to a moved one and compare their answers");
    int shadow = ShadowDemo.run(out);
    out.flush();
    return shadow;
  }

  private static void step(PrintWriter out, String title) {
    DemoSteps.step(out, title);
  }

  private static Path defaultExamples() {
    String home = System.getProperty("minato.home");
    Path dir = home != null ? Path.of(home, "examples") : Path.of("examples");
    if (!Files.isDirectory(dir)) {
      throw UserError.invalidInput(
          "no examples directory at "
              + dir
              + "; run ./minato demo from a checkout, or pass --examples DIR");
    }
    return dir;
  }
}
