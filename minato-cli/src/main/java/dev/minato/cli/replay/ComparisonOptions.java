package dev.minato.cli.replay;

import dev.minato.cli.ExitCodes;
import dev.minato.cli.UserError;
import dev.minato.cli.load.OutputPaths;
import dev.minato.manifest.AtomicFile;
import dev.minato.manifest.InvalidValueException;
import dev.minato.manifest.ManifestException;
import dev.minato.shadow.compare.ShadowResults;
import dev.minato.shadow.report.DiffRateGate;
import dev.minato.shadow.report.HtmlReport;
import dev.minato.shadow.report.JsonReport;
import dev.minato.shadow.report.RunNote;
import dev.minato.shadow.report.TextReport;
import dev.minato.shadow.rules.Redaction;
import dev.minato.shadow.rules.RulesReader;
import dev.minato.shadow.rules.ShadowRules;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * The options every command that compares responses shares ({@code replay}, {@code shadow}): the
 * rules, redaction, the diff-rate gate and where the reports go. Public so {@code minato shadow}
 * can mix it in.
 */
public final class ComparisonOptions {

  @Option(
      names = "--rules",
      paramLabel = "FILE",
      description =
          "YAML rules: ignored JSON paths, lists compared as sets, numeric tolerances, value"
              + " patterns, headers to compare or ignore, redaction, noise thresholds.")
  Path rules;

  @Option(
      names = "--redact",
      paramLabel = "KIND:VALUE",
      description =
          "Keep a secret out of the reports (repeatable): header:NAME, query:NAME, path:JSONPATH"
              + " or regex:PATTERN. Authorization, Cookie, Set-Cookie and token-like query"
              + " parameters are always hidden.")
  List<String> redact = new ArrayList<>();

  @Option(
      names = "--max-diff-rate",
      paramLabel = "RATE",
      description =
          "Exit 1 when more than RATE of the compared requests differ after noise, like 0.1%%.")
  String maxDiffRate;

  @Option(names = "--json", description = "Print the report as JSON instead of text.")
  boolean json;

  @Option(
      names = "--html",
      paramLabel = "FILE",
      description = "Also write a self-contained HTML report, each differing field side by side.")
  Path html;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "FILE",
      description = "Write the text (or JSON) report to FILE instead of standard output.")
  Path output;

  /** The rules file with the {@code --redact} options added; exit 2 for a mistake in either. */
  public ShadowRules rules() {
    ShadowRules read;
    try {
      read = rules == null ? ShadowRules.DEFAULT : RulesReader.read(rules);
    } catch (ManifestException e) {
      throw UserError.invalidInput(e.located());
    }
    for (String option : redact) {
      try {
        read = read.withRedaction(Redaction.parseOption(option));
      } catch (InvalidValueException e) {
        throw UserError.invalidInput(e.getMessage());
      }
    }
    return read;
  }

  public Optional<DiffRateGate> gate() {
    if (maxDiffRate == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(DiffRateGate.parse(maxDiffRate));
    } catch (InvalidValueException e) {
      throw UserError.invalidInput("--max-diff-rate " + e.getMessage());
    }
  }

  /** Refuses, before anything is sent, report paths that could not be written afterwards. */
  public void checkWritable() {
    OutputPaths.checkWritable(output, "-o");
    OutputPaths.checkWritable(html, "--html");
  }

  /** Writes the reports and returns the exit code: 1 when the gate failed. */
  public int report(ShadowResults results, List<RunNote> notes, PrintWriter out) {
    Optional<DiffRateGate> gate = gate();
    String report =
        json ? JsonReport.render(results, notes, gate) : TextReport.render(results, notes, gate);
    if (output != null) {
      write(output, report);
    } else {
      out.print(report);
      out.flush();
    }
    if (html != null) {
      write(html, HtmlReport.render(results, notes, gate));
    }
    return gate.map(g -> g.passes(results)).orElse(true) ? ExitCodes.OK : ExitCodes.CHECK_FAILED;
  }

  private static void write(Path target, String content) {
    try {
      AtomicFile.write(target, content);
    } catch (IOException e) {
      throw UserError.environment("cannot write " + target + ": " + e.getMessage());
    }
  }
}
