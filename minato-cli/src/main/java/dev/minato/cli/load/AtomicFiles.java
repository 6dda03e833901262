package dev.minato.cli.load;

import dev.minato.cli.UserError;
import dev.minato.manifest.AtomicFile;
import dev.minato.manifest.FileErrors;
import java.io.IOException;
import java.nio.file.Path;

/** The load commands' output files, through {@link AtomicFile}, with errors for the user. */
final class AtomicFiles {

  private AtomicFiles() {}

  static void write(Path target, String content) {
    try {
      AtomicFile.write(target, content);
    } catch (IOException e) {
      throw UserError.environment("cannot write " + target + ": " + FileErrors.reason(e));
    }
  }

  /** Writes {@code content} to {@code target} when given, else prints it on {@code out}. */
  static void writeOrPrint(Path target, String content, java.io.PrintWriter out) {
    if (target != null) {
      write(target, content);
    } else {
      out.print(content);
      out.flush();
    }
  }

  /** A file written during the run (the histogram log), committed when the run reports. */
  static AtomicFile.Pending begin(Path target) {
    try {
      AtomicFile.Pending pending = AtomicFile.begin(target);
      pending.out();
      return pending;
    } catch (IOException e) {
      throw UserError.environment("cannot write " + target + ": " + FileErrors.reason(e));
    }
  }
}
