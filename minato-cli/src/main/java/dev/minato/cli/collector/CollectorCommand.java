package dev.minato.cli.collector;

import dev.minato.cli.ExitCodes;
import dev.minato.cli.UserError;
import dev.minato.cli.generate.GenerateCommand;
import dev.minato.edge.nodeport.Platform;
import dev.minato.edge.nodeport.Repository;
import dev.minato.manifest.ManifestException;
import dev.minato.render.collector.CollectedApp;
import dev.minato.render.collector.Collector;
import dev.minato.render.collector.CollectorDirectory;
import dev.minato.spec.App;
import dev.minato.spec.PlatformLogging;
import dev.minato.spec.read.SpecException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code minato collector}: the cluster's Fluent Bit DaemonSet from every spec's {@code logs} and
 * {@code platform.yaml}'s {@code logging}. A command of its own, not part of {@code generate}: the
 * collector is one set of cluster-wide objects for all apps, owned by whoever runs the platform,
 * while {@code generate} writes each app's objects for its own namespaces.
 */
@Command(
    name = "collector",
    mixinStandardHelpOptions = true,
    description = {
      "Render the cluster's log collector: a Fluent Bit DaemonSet that parses each app's lines",
      "by its spec.logs.format, masks them by the platform's and the app's rules, and routes them",
      "per app and stream to the output platform.yaml names (CloudWatch Logs, Loki or",
      "Elasticsearch). The output directory is replaced as a whole; nothing is written on errors."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  minato collector                          every spec below ., ./platform.yaml",
      "  minato collector -o deploy/logging        into deploy/logging/collector.yaml",
      "  minato collector --env prd                with each app's prd override of spec.logs",
      "  kubectl apply -f collector/collector.yaml",
      "",
      "See docs/logs.md (Collector) for the pipeline and docs/spec.md for spec.logs."
    })
public final class CollectorCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(
      names = {"-f", "--file"},
      paramLabel = "PATH",
      description = "A spec file, or a directory searched for specs (repeatable; default: .).")
  List<Path> inputs = List.of(Path.of("."));

  @Option(
      names = "--platform",
      paramLabel = "FILE",
      description = "The platform file (default: platform.yaml at the repository root).")
  Path platformFile;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "DIR",
      description = "The output directory, replaced as a whole (default: ${DEFAULT-VALUE}).")
  Path output = Path.of("collector");

  @Option(
      names = {"-e", "--env"},
      paramLabel = "ENV",
      description =
          "The environment the cluster runs: each app's spec.logs with that environment's"
              + " override, apps without it left out. Needed when an environment overrides logs.")
  String environment;

  @Override
  public Integer call() {
    PrintWriter err = spec.commandLine().getErr();
    Path platformPath = platformFile != null ? platformFile : Repository.of(inputs).platformFile();
    PlatformLogging logging = logging(platformPath, err);
    List<App> apps = GenerateCommand.loadOrFail(inputs, err);
    Collector.Rendered rendered;
    try {
      Path directory = platformPath.toAbsolutePath().getParent();
      rendered =
          Collector.render(
              apps,
              Optional.ofNullable(environment),
              logging,
              directory == null ? Path.of(".") : directory);
    } catch (CollectedApp.EnvironmentException e) {
      throw UserError.invalidInput(e.getMessage() + "; nothing was written");
    } catch (ManifestException e) {
      err.println(e.located());
      throw UserError.invalidInput("a masking ruleset has errors; nothing was written");
    }
    rendered.warnings().forEach(w -> err.println("warning: " + w));
    try {
      CollectorDirectory.replace(output, rendered.objects());
    } catch (CollectorDirectory.NotOursException e) {
      throw UserError.invalidInput(e.getMessage());
    } catch (IOException e) {
      throw UserError.environment("cannot write " + output + ": " + e.getMessage());
    }
    long routed = rendered.routedApps();
    spec.commandLine()
        .getOut()
        .printf(
            "Wrote %s: %d objects, %d of %d apps routed by spec.logs%n",
            output.resolve(CollectorDirectory.OBJECTS_FILE),
            rendered.objects().size(),
            routed,
            apps.size());
    return ExitCodes.OK;
  }

  private static PlatformLogging logging(Path file, PrintWriter err) {
    Platform platform;
    try {
      platform = Platform.read(file);
    } catch (SpecException e) {
      e.errors().forEach(err::println);
      throw UserError.invalidInput("errors in " + file + "; nothing was written");
    }
    return platform
        .logging()
        .orElseThrow(
            () ->
                UserError.invalidInput(
                    file
                        + " has no logging section, so the collector has no output; add e.g."
                        + " 'logging: {output: {cloudwatch: {region: eu-west-1}}}'"));
  }
}
