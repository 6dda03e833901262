package dev.minato.cli.load;

import dev.minato.cli.ExitCodes;
import dev.minato.load.resource.LoadTestCrd;
import dev.minato.manifest.YamlWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code minato load crd}: the LoadTest CustomResourceDefinition. */
@Command(
    name = "crd",
    mixinStandardHelpOptions = true,
    description = {
      "Render the LoadTest CustomResourceDefinition (loadtests.load.minato.dev, v1alpha1).",
      "A LoadTest's spec is the scenario file's spec, checked by the same field definitions; its",
      "status is written by 'minato load controller'. 'kubectl get loadtests' shows phase,",
      "verdict and age."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  minato load crd | kubectl apply -f -",
      "  minato load crd -o loadtest-crd.yaml",
      "  kubectl apply -f checkout.yaml   (apiVersion: load.minato.dev/v1alpha1, kind: LoadTest)"
    })
final class LoadCrdCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "FILE",
      description = "Write the YAML to FILE instead of standard output.")
  Path output;

  @Override
  public Integer call() {
    String yaml = YamlWriter.write(LoadTestCrd.render());
    AtomicFiles.writeOrPrint(output, yaml, spec.commandLine().getOut());
    return ExitCodes.OK;
  }
}
