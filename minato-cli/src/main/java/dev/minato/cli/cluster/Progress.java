package dev.minato.cli.cluster;

import java.io.PrintWriter;
import java.util.function.Consumer;

/** Progress lines: shown on a terminal, silent when output goes to a pipe or a file. */
final class Progress {

  private Progress() {}

  static Consumer<String> to(PrintWriter err) {
    if (System.console() == null) {
      return line -> {};
    }
    return line -> {
      err.println(line);
      err.flush();
    };
  }
}
