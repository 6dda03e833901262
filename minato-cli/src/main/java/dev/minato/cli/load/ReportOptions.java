package dev.minato.cli.load;

import dev.minato.cli.ExitCodes;
import dev.minato.load.report.HtmlReport;
import dev.minato.load.report.JsonReport;
import dev.minato.load.report.TextReport;
import dev.minato.load.slo.Slo;
import dev.minato.load.slo.Verdict;
import dev.minato.load.stats.Results;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Option;

/** How results are reported, shared by {@code load run} and {@code load merge}. */
final class ReportOptions {

  @Option(names = "--json", description = "Print the report as JSON instead of text.")
  boolean json;

  @Option(
      names = "--html",
      paramLabel = "FILE",
      description = "Also write a self-contained HTML report with charts.")
  Path html;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "FILE",
      description = "Write the text (or JSON) report to FILE instead of standard output.")
  Path output;

  /**
   * Evaluates the SLOs, writes the reports, and returns the exit code: 1 when an SLO failed. {@code
   * out} receives the report unless {@code -o} was given.
   */
  int report(Results results, List<Slo> slos, PrintWriter out) {
    List<Verdict> verdicts = Verdict.evaluate(slos, results);
    String report =
        json ? JsonReport.render(results, verdicts) : TextReport.render(results, verdicts);
    if (output != null) {
      AtomicFiles.write(output, report);
    } else {
      out.print(report);
      out.flush();
    }
    if (html != null) {
      AtomicFiles.write(html, HtmlReport.render(results, verdicts));
    }
    return Verdict.allPassed(verdicts) ? ExitCodes.OK : ExitCodes.CHECK_FAILED;
  }
}
