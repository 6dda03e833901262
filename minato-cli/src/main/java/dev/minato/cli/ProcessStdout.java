package dev.minato.cli;

import java.io.BufferedWriter;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The process's standard output as picocli makes it (a buffered writer in the charset of {@code
 * sun.stdout.encoding}, else the default one), and also as bytes: a command that makes UTF-8 bytes
 * itself ({@code logs mask}) writes them straight to stdout when that is the charset stdout takes,
 * instead of decoding them to text for the writer to encode again.
 */
public final class ProcessStdout extends PrintWriter {

  private final Charset charset;

  private ProcessStdout(Charset charset) {
    super(new BufferedWriter(new OutputStreamWriter(System.out, charset)), true);
    this.charset = charset;
  }

  /** The process's stdout, in the charset picocli would choose. */
  static ProcessStdout create() {
    return new ProcessStdout(charset(System.getProperty("sun.stdout.encoding")));
  }

  /**
   * The byte stream under {@code out} when {@code out} is the process's stdout and takes UTF-8;
   * empty for any other writer (a test's, or stdout in another charset), which gets text.
   */
  public static Optional<OutputStream> utf8Bytes(Writer out) {
    if (out instanceof ProcessStdout stdout && stdout.charset.equals(StandardCharsets.UTF_8)) {
      stdout.flush();
      return Optional.of(System.out);
    }
    return Optional.empty();
  }

  /** picocli's choice: the named charset ({@code cp65001} is UTF-8), else the default. */
  static Charset charset(String name) {
    if (name == null) {
      return Charset.defaultCharset();
    }
    try {
      return Charset.forName("cp65001".equalsIgnoreCase(name) ? "UTF-8" : name);
    } catch (RuntimeException e) {
      return Charset.defaultCharset();
    }
  }
}
