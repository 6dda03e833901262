package dev.minato.cli.check;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

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
    Path target = file.toAbsolutePath();
    Path dir = target.getParent();
    Files.createDirectories(dir);
    Path temp = Files.createTempFile(dir, "." + target.getFileName(), ".tmp");
    try {
      try (Writer out = Files.newBufferedWriter(temp, StandardCharsets.UTF_8)) {
        body.writeTo(out);
      }
      Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(temp);
    }
  }
}
