package dev.minato.cli.check;

import dev.minato.check.CheckResult;
import dev.minato.check.Checker;
import dev.minato.check.InputError;
import dev.minato.check.RuleInfo;
import dev.minato.check.Severity;
import dev.minato.check.config.CheckConfig;
import dev.minato.check.config.CheckConfigReader;
import dev.minato.check.report.CheckReport;
import dev.minato.check.report.Reporter;
import dev.minato.check.rules.Catalog;
import dev.minato.check.suppression.Baseline;
import dev.minato.cli.ExitCodes;
import dev.minato.cli.UserError;
import dev.minato.manifest.KubeObject;
import dev.minato.manifest.ManifestException;
import dev.minato.manifest.input.InputSource;
import dev.minato.manifest.input.InputUnavailableException;
import dev.minato.manifest.input.Kustomize;
import dev.minato.manifest.input.ManifestReader;
import dev.minato.manifest.input.Manifests;
import dev.minato.manifest.input.Unbuilt;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code minato check}: lints Kubernetes manifests from files, stdin or a kustomize directory. */
@Command(
    name = "check",
    mixinStandardHelpOptions = true,
    description = {
      "Lints Kubernetes manifests for safe shutdown, capacity and portability.",
      "Reads files, directories (*.yaml, *.yml, *.json, recursively, hidden folders skipped),",
      "'-' (stdin), as arguments or with -f, a kustomize directory (-k), or what 'minato",
      "generate' would produce from specs (--spec). A directory holding kustomizations (the",
      "output of 'minato generate') is checked overlay by overlay, each built with kubectl",
      "kustomize; its bases and patches are never checked as plain files.",
      "Configuration: .minato/check.yaml here or in a parent directory, or --config."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  minato check manifests/",
      "  minato check deploy/                                   generate's output, every overlay",
      "  helm template my-chart | minato check -",
      "  minato check -k overlays/prod --format sarif -o check.sarif",
      "  minato check manifests/ --format github                annotations in GitHub Actions",
      "  minato check --spec .                                  what generate would produce",
      "  minato check . --write-baseline .minato/baseline.json  (adopt: record)",
      "  minato check . --baseline .minato/baseline.json  (then: only new ones)",
      "",
      "Exit codes: 0 nothing reached --fail-on, 1 something did,",
      "2 invalid input or usage, 3 environment error (kubectl missing for -k or for the",
      "overlays of a directory).",
      "Rules: minato check --list-rules, and docs/rules/<rule>.md."
    })
public final class CheckCommand implements Callable<Integer> {

  /** Decides when suppressions expire; tests replace it to make "today" fixed. */
  static Clock clock = Clock.systemUTC();

  /** The kubectl to run for -k; tests point it at a missing binary. */
  static String kubectl = "kubectl";

  @Spec CommandSpec spec;

  @Parameters(
      paramLabel = "PATH",
      description = "Files or directories to check; '-' reads a YAML stream from stdin.")
  List<String> paths = new ArrayList<>();

  @Option(
      names = {"-f", "--filename"},
      paramLabel = "FILE|DIR|-",
      description = "Like PATH, as kubectl spells it; repeatable.")
  List<String> files = new ArrayList<>();

  @Option(
      names = {"-k", "--kustomize"},
      paramLabel = "DIR",
      description = "Render DIR with 'kubectl kustomize' and check the result.")
  List<Path> kustomizeDirs = new ArrayList<>();

  @Option(
      names = "--spec",
      paramLabel = "PATH",
      description =
          "Check what 'minato generate' would produce from these specs (file or directory;"
              + " repeatable).")
  List<Path> specs = new ArrayList<>();

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      description =
          "text (default), json, sarif, junit, or github (annotations in GitHub Actions).")
  Reporter.Format format = Reporter.Format.TEXT;

  @Option(
      names = "--fail-on",
      paramLabel = "LEVEL",
      description =
          "Exit 1 when a finding is at least this severe: error (default), warning, info, none.")
  String failOn = "error";

  @Option(names = "--list-rules", description = "Print the rule catalogue and exit.")
  boolean listRules;

  @Option(
      names = "--config",
      paramLabel = "FILE",
      description = "The configuration file (default: .minato/check.yaml here or in a parent).")
  Path configFile;

  @Option(
      names = "--baseline",
      paramLabel = "FILE",
      description = "Report only findings that FILE (from --write-baseline) does not list.")
  Path baselineFile;

  @Option(
      names = "--write-baseline",
      paramLabel = "FILE",
      description = "Record the current findings in FILE and exit 0.")
  Path writeBaseline;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "FILE",
      description = "Write the report to FILE instead of stdout.")
  Path output;

  /** The inputs as the user named them, for messages about all of them. */
  private String named() {
    List<String> named = new ArrayList<>(paths);
    files.forEach(file -> named.add("-f " + file));
    kustomizeDirs.forEach(dir -> named.add("-k " + dir));
    return String.join(", ", named);
  }

  @Override
  public Integer call() throws IOException {
    Optional<Severity> threshold = threshold();
    CheckConfig config = config();
    PrintWriter out = spec.commandLine().getOut();
    if (listRules) {
      RuleCatalogue.print(out, config);
      return ExitCodes.OK;
    }
    if (paths.isEmpty() && files.isEmpty() && kustomizeDirs.isEmpty() && specs.isEmpty()) {
      throw UserError.invalidInput(
          "nothing to check: name files or directories, '-' for stdin, -k DIR or --spec PATH"
              + " (see --help)");
    }
    Inputs inputs = read();
    if (inputs.objects().isEmpty() && inputs.errors().isEmpty() && !inputs.unbuilt().isEmpty()) {
      throw UserError.environment(unbuiltText(inputs.unbuilt()));
    }
    if (inputs.objects().isEmpty() && inputs.errors().isEmpty()) {
      // A CI step pointed at the wrong directory would otherwise pass with nothing checked.
      throw UserError.invalidInput(
          "no Kubernetes objects found in "
              + named()
              + (inputs.skippedDocuments() > 0
                  ? " ("
                      + inputs.skippedDocuments()
                      + " YAML documents without apiVersion and kind)"
                  : "")
              + "; nothing was checked. Name the manifests, or use --spec for minato.yaml specs");
    }
    progress("checking " + inputs.objects().size() + " objects");
    CheckResult result = new Checker(clock).check(inputs.objects(), config);
    progress("");
    if (writeBaseline != null) {
      return writeBaseline(inputs, result);
    }
    if (baselineFile != null) {
      Baseline baseline = readBaseline();
      result = result.without(baseline::contains);
    }
    CheckReport report = new CheckReport(result, inputs.errors(), toolVersion());
    boolean colour =
        output == null
            && format == Reporter.Format.TEXT
            && System.console() != null
            && System.getenv("NO_COLOR") == null;
    Reporter reporter = Reporter.forFormat(format, colour);
    if (output == null) {
      OutputTarget.toStdout(out, writer -> reporter.write(report, writer));
    } else {
      OutputTarget.toFile(output, writer -> reporter.write(report, writer));
    }
    if (inputs.skippedDocuments() > 0) {
      spec.commandLine()
          .getErr()
          .println(
              "minato: skipped "
                  + inputs.skippedDocuments()
                  + " YAML document(s) without apiVersion and kind (not Kubernetes objects)");
    }
    if (!inputs.unbuilt().isEmpty()) {
      spec.commandLine().getErr().println("minato: " + unbuiltText(inputs.unbuilt()));
      return ExitCodes.ENVIRONMENT;
    }
    if (!inputs.errors().isEmpty()) {
      return ExitCodes.INVALID_INPUT;
    }
    return threshold.isPresent() && result.reaches(threshold.get())
        ? ExitCodes.CHECK_FAILED
        : ExitCodes.OK;
  }

  private Optional<Severity> threshold() {
    if (failOn.equals("none")) {
      return Optional.empty();
    }
    return Optional.of(
        Severity.parse(failOn)
            .orElseThrow(
                () ->
                    UserError.invalidInput(
                        "--fail-on '" + failOn + "' is not one of error, warning, info, none")));
  }

  private CheckConfig config() {
    CheckConfigReader reader = new CheckConfigReader(Catalog.ids());
    Optional<Path> file =
        configFile != null ? Optional.of(configFile) : CheckConfigReader.find(Path.of(""));
    if (file.isEmpty()) {
      return CheckConfig.defaults();
    }
    try {
      return reader.read(file.get());
    } catch (ManifestException e) {
      throw UserError.invalidInput(e.located());
    }
  }

  /** The objects to check and the input that could not be read, collected, not thrown. */
  private record Inputs(
      List<KubeObject> objects,
      List<InputError> errors,
      int skippedDocuments,
      List<Unbuilt> unbuilt) {}

  /**
   * Why the overlays of a kustomize tree were not checked. Their bases are not checked either: read
   * without the overlays, a base is no environment (an HPA only one overlay adds, a deletion stub),
   * and its findings would be false.
   */
  private static String unbuiltText(List<Unbuilt> unbuilt) {
    StringBuilder text =
        new StringBuilder(
            "not checked: "
                + unbuilt.size()
                + " kustomization(s) that the input holds, because they could not be built: "
                + unbuilt.get(0).reason()
                + "\nTheir bases and patches were not checked as plain files either (without its"
                + " overlay a base is no environment). Build them with kubectl, or check each with"
                + " -f - from 'kustomize build':");
    unbuilt.forEach(u -> text.append("\n  -k ").append(u.directory()));
    return text.toString();
  }

  private Inputs read() {
    List<InputSource> sources = new ArrayList<>();
    paths.forEach(path -> sources.add(InputSource.fileArgument(path)));
    files.forEach(file -> sources.add(InputSource.fileArgument(file)));
    kustomizeDirs.forEach(dir -> sources.add(new InputSource.Kustomization(dir)));
    progress("reading " + sources.size() + " inputs");
    Manifests manifests;
    try {
      manifests =
          new ManifestReader(ManifestReader.Mode.LENIENT, new Kustomize(kubectl), () -> System.in)
              .read(sources);
    } catch (InputUnavailableException e) {
      throw UserError.environment(e.getMessage());
    }
    List<KubeObject> objects = new ArrayList<>(manifests.objects());
    if (!specs.isEmpty()) {
      objects.addAll(SpecObjects.render(specs, spec.commandLine().getErr()));
    }
    List<InputError> errors =
        manifests.errors().stream().map(e -> new InputError(e.position(), e.getMessage())).toList();
    return new Inputs(objects, errors, manifests.skippedDocuments(), manifests.unbuilt());
  }

  /**
   * A one-line status on stderr while a large input is read and checked, only on a terminal: piped
   * and redirected runs (CI) stay quiet. An empty text clears the line.
   */
  private void progress(String text) {
    if (System.console() == null) {
      return;
    }
    PrintWriter err = spec.commandLine().getErr();
    err.print("\r\u001b[2K" + (text.isEmpty() ? "" : "minato: " + text + "..."));
    err.flush();
  }

  private Baseline readBaseline() {
    try {
      return Baseline.read(baselineFile);
    } catch (ManifestException e) {
      throw UserError.invalidInput(e.located());
    }
  }

  private int writeBaseline(Inputs inputs, CheckResult result) throws IOException {
    if (!inputs.unbuilt().isEmpty()) {
      PrintWriter err = spec.commandLine().getErr();
      err.println("minato: " + unbuiltText(inputs.unbuilt()));
      err.println("minato: baseline not written: it would miss the findings of those overlays");
      return ExitCodes.ENVIRONMENT;
    }
    if (!inputs.errors().isEmpty()) {
      PrintWriter err = spec.commandLine().getErr();
      inputs.errors().forEach(error -> err.println("minato: " + error.located()));
      err.println("minato: baseline not written: fix the input errors first");
      return ExitCodes.INVALID_INPUT;
    }
    String text = Baseline.render(result.findings());
    OutputTarget.toFile(writeBaseline, writer -> writer.write(text));
    spec.commandLine()
        .getErr()
        .println(
            "minato: wrote "
                + writeBaseline
                + " with "
                + result.findings().size()
                + " finding(s); check with --baseline "
                + writeBaseline
                + " to see only new ones");
    return ExitCodes.OK;
  }

  private static String toolVersion() {
    Properties properties = new Properties();
    try (InputStream in =
        CheckCommand.class.getResourceAsStream("/dev/minato/cli/version.properties")) {
      if (in != null) {
        properties.load(in);
      }
    } catch (IOException e) {
      return "unknown";
    }
    return properties.getProperty("version", "unknown");
  }

  /** The catalogue as {@code --list-rules} prints it. */
  static final class RuleCatalogue {
    private RuleCatalogue() {}

    static void print(PrintWriter out, CheckConfig config) {
      out.printf("%-24s %-8s %-24s %s%n", "RULE", "SEVERITY", "PROFILES", "CHECKS");
      for (RuleInfo rule : Catalog.infos()) {
        Severity severity = config.severityOverrides().getOrDefault(rule.id(), rule.severity());
        List<String> profiles = rule.profiles().stream().sorted().map(p -> p.label()).toList();
        String id = config.disabledRules().contains(rule.id()) ? rule.id() + " (off)" : rule.id();
        out.printf(
            "%-24s %-8s %-24s %s%n",
            id, severity.label(), String.join(",", profiles), rule.summary());
      }
      out.println();
      out.println(
          "Profile in use: "
              + config.profile().label()
              + ". Each rule is explained in docs/rules/<rule>.md; suppress one on an object with");
      out.println("the annotation ignore.minato.dev/<rule>: \"<reason> until YYYY-MM-DD\".");
      out.flush();
    }
  }
}
