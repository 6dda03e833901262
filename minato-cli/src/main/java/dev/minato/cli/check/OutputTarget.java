package dev.minato.cli.check;

import dev.minato.manifest.AtomicFile;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.file.Path;

/**
 * Where a report goes: stdout, or a file written to a temporary sibling first and moved into place,
 * so an interrupted run never leaves half a report for CI to upload.
 */
final class OutputTarget {

  private OutputTarget() {}

  interface Body {
    void writeTo(Writer out) throws IOException;
  }

  static void toStdout(PrintWriter out, Body body) throws IOException {
    StringWriter buffer = new StringWriter();
    body.writeTo(buffer);
    out.print(buffer);
    out.flush();
  }

  static void toFile(Path file, Body body) throws IOException {
    AtomicFile.write(file, body::writeTo);
  }
}
