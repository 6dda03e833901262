package dev.minato.cli.shadow;

import dev.minato.cli.ExitCodes;
import dev.minato.cli.UserError;
import dev.minato.cli.load.OutputPaths;
import dev.minato.manifest.AtomicFile;
import dev.minato.manifest.InvalidValueException;
import dev.minato.manifest.ManifestException;
import dev.minato.shadow.compare.ComparingSink;
import dev.minato.shadow.compare.ShadowResults;
import dev.minato.shadow.report.DiffRateGate;
import dev.minato.shadow.report.HtmlReport;
import dev.minato.shadow.report.JsonReport;
import dev.minato.shadow.report.RunNote;
import dev.minato.shadow.report.TextReport;
import dev.minato.shadow.route.RouteTemplates;
import dev.minato.shadow.rules.Redaction;
import dev.minato.shadow.rules.RulesReader;
import dev.minato.shadow.rules.ShadowRules;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * The comparison's options, shared by every command that compares an old and a new copy: the rules
 * file, redactions, the CI gate, and where the text, JSON and HTML reports go.
 */
public final class ComparisonOptions {

  @Option(
      names = "--rules",
      paramLabel = "FILE",
      description =
          "Ignore rules: JSON paths with wildcards, arrays as sets, numeric tolerance, value"
              + " patterns, headers, redaction (see docs/shadow.md).")
  Path rules;

  @Option(
      names = "--redact",
      paramLabel = "RULE",
      description =
          "Keep a secret out of reports: header:NAME, query:NAME, path:JSONPATH or regex:PATTERN"
              + " (repeatable; credentials and cookies are always hidden).")
  List<String> redact = List.of();

  @Option(
      names = "--max-diff-rate",
      paramLabel = "RATE",
      description = "Exit 1 when more than RATE of compared requests differ, like 0.1%%.")
  String maxDiffRate;

  @Option(names = "--json", description = "The report as JSON instead of text.")
  boolean json;

  @Option(names = "--html", paramLabel = "FILE", description = "Also write the HTML report.")
  Path html;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "FILE",
      description = "Write the text or JSON report to FILE instead of standard output.")
  Path output;

  /** Checks everything that can be checked before traffic flows; exit 2 on a mistake. */
  public ComparingSink sink() {
    gate();
    OutputPaths.checkWritable(html, "--html");
    OutputPaths.checkWritable(output, "-o");
    return new ComparingSink(rules(), new RouteTemplates(RouteTemplates.DEFAULT_LIMIT));
  }

  /** Prints or writes the reports; returns the exit code (1 when the gate failed). */
  public int report(ShadowResults results, List<RunNote> notes, PrintWriter out) {
    Optional<DiffRateGate> gate = gate();
    String report =
        json ? JsonReport.render(results, notes, gate) : TextReport.render(results, notes, gate);
    try {
      if (html != null) {
        AtomicFile.write(html, HtmlReport.render(results, notes, gate));
      }
      if (output != null) {
        AtomicFile.write(output, report);
      } else {
        out.print(report);
        out.flush();
      }
    } catch (IOException e) {
      throw UserError.environment("cannot write the report: " + e.getMessage());
    }
    return gate.isPresent() && !gate.get().passes(results) ? ExitCodes.CHECK_FAILED : ExitCodes.OK;
  }

  private Optional<DiffRateGate> gate() {
    if (maxDiffRate == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(DiffRateGate.parse(maxDiffRate));
    } catch (InvalidValueException e) {
      throw UserError.invalidInput("--max-diff-rate: " + e.getMessage());
    }
  }

  private ShadowRules rules() {
    ShadowRules read;
    try {
      read = rules == null ? ShadowRules.DEFAULT : RulesReader.read(rules);
    } catch (ManifestException e) {
      throw UserError.invalidInput(e.located());
    }
    Redaction extra = Redaction.DEFAULT;
    for (String option : redact) {
      try {
        extra = extra.and(Redaction.parseOption(option));
      } catch (InvalidValueException e) {
        throw UserError.invalidInput(e.getMessage());
      }
    }
    return read.withRedaction(extra);
  }
}
