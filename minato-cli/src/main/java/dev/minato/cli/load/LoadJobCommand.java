package dev.minato.cli.load;

import dev.minato.cli.ExitCodes;
import dev.minato.cli.UserError;
import dev.minato.load.engine.PendingLimit;
import dev.minato.load.job.ShardJob;
import dev.minato.load.scenario.Scenario;
import dev.minato.load.scenario.ScenarioException;
import dev.minato.load.scenario.Shard;
import dev.minato.manifest.InvalidValueException;
import dev.minato.manifest.quantity.Quantity;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code minato load job}: a distributed run as a Kubernetes Indexed Job, one pod per shard. */
@Command(
    name = "job",
    mixinStandardHelpOptions = true,
    description = {
      "Render the Indexed Job that runs a load test in N shards, for kubectl apply.",
      "A ConfigMap holds the scenario; each pod sends its share of the load and prints its",
      "HdrHistogram log. Collect the pods' logs and merge them with 'minato load merge'."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  minato load job checkout.yaml --parallel 4 --image ghcr.io/acme/minato:0.1 \\",
      "      | kubectl apply -f -",
      "  kubectl wait --for=condition=complete job/minato-load-checkout --timeout=15m",
      "  for i in 0 1 2 3; do",
      "    kubectl logs -l load.minato.dev/run=minato-load-checkout,\\",
      "batch.kubernetes.io/job-completion-index=$i > shard-$i.log",
      "  done",
      "  minato load merge shard-*.log"
    })
final class LoadJobCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Mixin ScenarioOptions scenarioOptions;

  @Option(names = "--parallel", required = true, paramLabel = "N", description = "Shards (pods).")
  int parallel;

  @Option(
      names = "--image",
      required = true,
      paramLabel = "IMAGE",
      description = "A container image with 'minato' on its PATH.")
  String image;

  @Option(
      names = "--cpu",
      paramLabel = "CPU",
      defaultValue = "1",
      description = "CPU request of each pod (default ${DEFAULT-VALUE}).")
  String cpu;

  @Option(
      names = "--memory",
      paramLabel = "SIZE",
      defaultValue = "512Mi",
      description = "Memory request and limit of each pod (default ${DEFAULT-VALUE}).")
  String memory;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "FILE",
      description = "Write the YAML to FILE instead of standard output.")
  Path output;

  @Override
  public Integer call() {
    if (parallel < 1) {
      throw UserError.invalidInput("--parallel must be at least 1, not " + parallel);
    }
    if (image.isBlank()) {
      throw UserError.invalidInput("--image must name a container image");
    }
    Scenario scenario = scenarioOptions.scenario();
    Quantity podMemory = request("--memory", memory);
    // The JVM's default heap is a quarter of the container's memory limit: refuse here a rate
    // each pod would refuse, rather than render a Job whose pods all exit 2.
    long heap = podMemory.value().divide(BigDecimal.valueOf(4)).longValue();
    PendingLimit.of(scenario.timeout(), heap)
        .refusal(scenario, new Shard(0, parallel))
        .ifPresent(
            why -> {
              throw UserError.invalidInput(why + " (each pod: --memory " + memory + ")");
            });
    String yaml;
    try {
      yaml =
          ShardJob.render(
              scenario, new ShardJob.Options(parallel, image, request("--cpu", cpu), podMemory));
    } catch (ScenarioException e) {
      throw UserError.invalidInput(e.getMessage());
    }
    AtomicFiles.writeOrPrint(output, yaml, spec.commandLine().getOut());
    return ExitCodes.OK;
  }

  /** A pod's request, read as the API server will read it, so a typo fails here and not there. */
  static Quantity request(String flag, String text) {
    Quantity quantity;
    try {
      quantity = Quantity.parse(text);
    } catch (InvalidValueException e) {
      throw UserError.invalidInput(flag + ": " + e.getMessage());
    }
    if (quantity.value().signum() <= 0) {
      throw UserError.invalidInput(flag + " must be more than zero, not '" + text + "'");
    }
    return quantity;
  }
}
