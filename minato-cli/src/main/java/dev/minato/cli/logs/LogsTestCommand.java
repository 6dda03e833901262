package dev.minato.cli.logs;

import dev.minato.cli.ExitCodes;
import dev.minato.cli.UserError;
import dev.minato.logs.mask.Masker;
import dev.minato.logs.mask.VectorCheck;
import dev.minato.logs.rules.Ruleset;
import dev.minato.logs.rules.RulesetReader;
import dev.minato.logs.rules.VectorCase;
import dev.minato.manifest.ManifestException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code minato logs test}: a ruleset's vector cases, run so that CI notices a rule that broke. */
@Command(
    name = "test",
    mixinStandardHelpOptions = true,
    description = {
      "Run a ruleset against its vector cases (the 'tests' of the ruleset, and of --cases files):",
      "each input line must come out as the expected line (and go to the expected stream).",
      "Exit 1 when a case fails, with the expected and actual lines and where they first differ;",
      "2 for a bad ruleset or case file (at file:line:column) or when there are no cases."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  minato logs test",
      "  minato logs test --rules platform/logs.yaml --cases platform/logs-cases.yaml"
    })
final class LogsTestCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Mixin RulesOption rules;

  @Option(
      names = "--cases",
      paramLabel = "FILE",
      description = "A YAML file with more vector cases under 'tests:'; repeatable.")
  List<Path> caseFiles = new ArrayList<>();

  @Override
  public Integer call() {
    Ruleset ruleset = rules.read();
    List<VectorCase> cases = new ArrayList<>(ruleset.tests());
    for (Path file : caseFiles) {
      try {
        cases.addAll(RulesetReader.readCases(file, ruleset.routing().isPresent()));
      } catch (ManifestException e) {
        throw UserError.invalidInput(e.located());
      }
    }
    if (cases.isEmpty()) {
      throw UserError.invalidInput(
          "no vector cases: add 'tests:' to "
              + rules.file()
              + " or pass --cases FILE (a rule without a case is a rule nobody checks)");
    }
    Masker masker = RulesOption.masker(ruleset);
    PrintWriter out = spec.commandLine().getOut();
    int failed = 0;
    for (VectorCase vectorCase : cases) {
      VectorCheck check = VectorCheck.run(vectorCase, masker, ruleset.routing());
      out.println(
          (check.passed() ? "PASS  " : "FAIL  ")
              + vectorCase.name()
              + "  ("
              + vectorCase.at()
              + ")");
      if (!check.passed()) {
        failed++;
        CaseDiff.print(out, check);
      }
    }
    out.println(cases.size() + " cases, " + failed + " failed");
    out.flush();
    return failed == 0 ? ExitCodes.OK : ExitCodes.CHECK_FAILED;
  }
}
