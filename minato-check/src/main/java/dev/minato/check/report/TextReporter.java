package dev.minato.check.report;

import dev.minato.check.CheckResult;
import dev.minato.check.Finding;
import dev.minato.check.InputError;
import dev.minato.check.Severity;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Findings grouped by file, one line each ({@code file:line:column severity rule message}), then a
 * summary. Colour (ANSI) only when asked for, which the CLI does on a terminal without NO_COLOR.
 */
public final class TextReporter implements Reporter {

  private static final String RESET = "\u001b[0m";
  private static final String BOLD = "\u001b[1m";
  private static final String DIM = "\u001b[2m";

  private final boolean colour;

  public TextReporter(boolean colour) {
    this.colour = colour;
  }

  @Override
  public void write(CheckReport report, Writer out) throws IOException {
    CheckResult result = report.result();
    Map<String, List<String>> byFile = new TreeMap<>();
    for (InputError error : report.inputErrors()) {
      byFile
          .computeIfAbsent(error.position().source(), file -> new ArrayList<>())
          .add(line(error.position().toString(), Severity.ERROR, "input", error.message()));
    }
    for (Finding finding : result.findings()) {
      byFile
          .computeIfAbsent(finding.position().source(), file -> new ArrayList<>())
          .add(
              line(
                  finding.position().toString(),
                  finding.severity(),
                  finding.ruleId(),
                  finding.message()));
    }
    for (Map.Entry<String, List<String>> file : byFile.entrySet()) {
      out.write(paint(BOLD, file.getKey()) + "\n");
      for (String line : file.getValue()) {
        out.write(line + "\n");
      }
      out.write("\n");
    }
    out.write(summary(report) + "\n");
  }

  private String line(String position, Severity severity, String rule, String message) {
    String label = String.format("%-7s", severity.label());
    return "  "
        + position
        + "  "
        + paint(colourOf(severity), label)
        + " "
        + paint(DIM, rule)
        + "  "
        + message;
  }

  /** The one-line totals, shared with the GitHub format. */
  static String summary(CheckReport report) {
    CheckResult result = report.result();
    StringBuilder text = new StringBuilder();
    text.append(plural(result.count(Severity.ERROR), "error"))
        .append(", ")
        .append(plural(result.count(Severity.WARNING), "warning"))
        .append(", ")
        .append(result.count(Severity.INFO))
        .append(" info in ")
        .append(plural(result.objects().size(), "object"));
    if (!result.suppressed().isEmpty()) {
      text.append(" (").append(result.suppressed().size()).append(" suppressed)");
    }
    if (!report.inputErrors().isEmpty()) {
      text.append("; ").append(plural(report.inputErrors().size(), "input error"));
    }
    return text.toString();
  }

  private static String plural(long count, String noun) {
    return count + " " + noun + (count == 1 ? "" : "s");
  }

  private static String colourOf(Severity severity) {
    return switch (severity) {
      case ERROR -> "\u001b[31m";
      case WARNING -> "\u001b[33m";
      case INFO -> "\u001b[36m";
    };
  }

  private String paint(String code, String text) {
    return colour ? code + text + RESET : text;
  }
}
