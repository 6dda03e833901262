package dev.minato.check.report;

import java.io.IOException;
import java.io.Writer;

/** Writes a check report in one format. */
public interface Reporter {

  void write(CheckReport report, Writer out) throws IOException;

  /** The reporter for a {@code --format} name. */
  static Reporter forFormat(Format format, boolean colour) {
    return switch (format) {
      case TEXT -> new TextReporter(colour);
      case JSON -> new JsonReporter();
      case SARIF -> new SarifReporter();
      case JUNIT -> new JunitReporter();
      case GITHUB -> new GithubReporter();
    };
  }

  /** The output formats, named as on the command line. */
  enum Format {
    TEXT,
    JSON,
    SARIF,
    JUNIT,
    GITHUB
  }
}
