package dev.minato.check.report;

import dev.minato.check.Finding;
import dev.minato.check.InputError;
import dev.minato.check.Severity;
import dev.minato.manifest.SourcePosition;
import java.io.IOException;
import java.io.Writer;

/**
 * GitHub Actions workflow commands: one {@code ::error file=...,line=...::message} line per finding
 * and input error, which GitHub shows as annotations on the pull request's lines without any code
 * scanning set-up (SARIF is the format for that), then the text summary. Info findings are notices.
 */
final class GithubReporter implements Reporter {

  @Override
  public void write(CheckReport report, Writer out) throws IOException {
    for (InputError error : report.inputErrors()) {
      out.write(command("error", error.position(), "input", error.message()));
    }
    for (Finding finding : report.result().findings()) {
      out.write(
          command(
              level(finding.severity()),
              finding.position(),
              finding.ruleId(),
              finding.message() + " (" + finding.field() + ")"));
    }
    out.write(TextReporter.summary(report) + "\n");
  }

  private static String level(Severity severity) {
    return switch (severity) {
      case ERROR -> "error";
      case WARNING -> "warning";
      case INFO -> "notice";
    };
  }

  private static String command(
      String level, SourcePosition position, String title, String message) {
    StringBuilder line = new StringBuilder("::").append(level).append(" file=");
    line.append(property(position.source()));
    if (position.hasLine()) {
      line.append(",line=").append(position.line()).append(",col=").append(position.column());
    }
    line.append(",title=").append(property(title));
    return line.append("::").append(data(message)).append('\n').toString();
  }

  /** The escaping GitHub's runner undoes for a command's message. */
  private static String data(String text) {
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A");
  }

  /** Property values additionally escape the separators of the property list. */
  private static String property(String text) {
    return data(text).replace(":", "%3A").replace(",", "%2C");
  }
}
