package dev.minato.cli.logs;

import dev.minato.cli.UserError;
import dev.minato.logs.LogEvent;
import dev.minato.logs.rules.Routing;
import dev.minato.logs.write.ByteSink;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code --out-dir DIR}: one file per routed stream, {@code DIR/<stream>.<format>}. The directory
 * must be new or empty, so that a run never overwrites or appends to files it did not make; each
 * file is created new. At most {@link #MAX_STREAMS} files are open: events of further streams go to
 * the fallback stream, and the summary says how many did.
 */
final class StreamFiles implements EventOutput {

  static final int MAX_STREAMS = 256;

  private final Path dir;
  private final Routing routing;
  private final String extension;
  private final Map<String, OutputStream> files = new HashMap<>();
  private final Map<String, Long> counts = new TreeMap<>();
  private long overflow;

  private StreamFiles(Path dir, Routing routing, String extension) {
    this.dir = dir;
    this.routing = routing;
    this.extension = extension;
  }

  /** Refuses (exit 2, nothing written) a directory that holds anything already. */
  static StreamFiles open(Path dir, Routing routing, String extension) {
    if (Files.exists(dir)) {
      if (!Files.isDirectory(dir)) {
        throw UserError.invalidInput("--out-dir " + dir + ": exists and is not a directory");
      }
      try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
        if (entries.iterator().hasNext()) {
          throw UserError.invalidInput(
              "--out-dir "
                  + dir
                  + ": not empty; name a new or empty directory (files of an earlier run are"
                  + " never overwritten)");
        }
      } catch (IOException e) {
        throw UserError.environment("--out-dir " + dir + ": cannot read: " + e.getMessage());
      }
    }
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw UserError.environment("--out-dir " + dir + ": cannot create: " + e.getMessage());
    }
    return new StreamFiles(dir, routing, extension);
  }

  @Override
  public void write(LogEvent original, ByteSink line) throws IOException {
    String stream = routing.streamOf(original.get(routing.label()));
    OutputStream out = files.get(stream);
    if (out == null) {
      if (files.size() >= MAX_STREAMS) {
        overflow++;
        stream = routing.fallback();
        out = files.get(stream);
      }
      if (out == null) {
        out =
            new BufferedOutputStream(
                Files.newOutputStream(
                    dir.resolve(stream + "." + extension),
                    StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE),
                1 << 16);
        files.put(stream, out);
      }
    }
    out.write(line.array(), 0, line.size());
    counts.merge(stream, 1L, Long::sum);
  }

  @Override
  public boolean routes() {
    return true;
  }

  /** {@code stream: lines} per stream, and the overflow if any. */
  String summary() {
    StringBuilder text = new StringBuilder();
    counts.forEach(
        (stream, lines) ->
            text.append("  ")
                .append(dir.resolve(stream + "." + extension))
                .append(": ")
                .append(lines)
                .append(" lines\n"));
    if (overflow > 0) {
      text.append("  ")
          .append(overflow)
          .append(" lines of streams past the first ")
          .append(MAX_STREAMS)
          .append(" went to ")
          .append(routing.fallback())
          .append('\n');
    }
    return text.toString();
  }

  @Override
  public void close() throws IOException {
    IOException first = null;
    for (OutputStream out : files.values()) {
      try {
        out.close();
      } catch (IOException e) {
        first = first == null ? e : first;
      }
    }
    if (first != null) {
      throw first;
    }
  }
}
