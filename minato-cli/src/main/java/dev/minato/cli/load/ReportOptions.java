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
   * Refuses, before anything is sent, report paths that could not be written afterwards: a run
   * whose report is lost cannot be taken back.
   */
  void checkWritable() {
    OutputPaths.checkWritable(output, "-o");
    OutputPaths.checkWritable(html, "--html");
  }

  /**
   * Evaluates the SLOs, writes the reports, and returns the exit code: 1 when an SLO failed. {@code
   * out} receives the report unless {@code -o} was given.
   */
  int report(Results results, List<Slo> slos, PrintWriter out) {
    return reportOnly(results, Verdict.evaluate(slos, results), out);
  }

  /**
   * Writes the reports without judging: a shard's SLOs are judged on the merged result only,
   * because one shard's share fails a rate gate by construction. Always {@link ExitCodes#OK}.
   */
  int reportUnjudged(Results results, PrintWriter out) {
    return reportOnly(results, List.of(), out);
  }

  private int reportOnly(Results results, List<Verdict> verdicts, PrintWriter out) {
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
