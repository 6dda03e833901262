package dev.minato.cli.logs;

import dev.minato.cli.UserError;
import dev.minato.logs.LogEvent;
import dev.minato.logs.mask.LtsvJson;
import dev.minato.logs.mask.Masker;
import dev.minato.logs.read.ContainerLines;
import dev.minato.logs.read.LineInput;
import dev.minato.logs.read.LineParser;
import dev.minato.logs.read.LogFormat;
import dev.minato.logs.read.Reading;
import dev.minato.logs.write.ByteSink;
import dev.minato.logs.write.LineWriter;
import dev.minato.logs.write.OutputFormat;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;

/**
 * The streaming loop of {@code logs mask} and {@code logs convert}: line by line from the inputs,
 * through the reader, the masking and the writer, into an {@link EventOutput}. Memory stays flat:
 * nothing is kept but the line at hand (and a container line being joined, bounded).
 *
 * <p>A line that is not in the input format is counted and, unless dropped, passed on as an event
 * of {@code log} (the line) and {@code parse_error} (where and why), masked like any other: an
 * unreadable line is exactly where an unmasked secret would otherwise slip through.
 *
 * <p>LTSV to JSON lines into one stream, the common case, goes from the input's bytes to the
 * output's through {@link LtsvJson}, which writes the same bytes as the event path; a line it
 * leaves (a bad line, say) takes the event path.
 */
final class LogFilter {

  /** How many bad lines are named on stderr before only the count goes on. */
  private static final int NAMED_PROBLEMS = 5;

  private final StreamOptions.Input input;
  private final Masker masker;
  private final OutputFormat format;
  private final LineWriter writer;
  private final boolean dropBad;
  private final PrintWriter err;
  private final StringBuilder text = new StringBuilder(256);
  private final ByteSink line = new ByteSink(1 << 10);

  private long read;
  private long written;
  private long bad;

  LogFilter(
      StreamOptions.Input input,
      Masker masker,
      OutputFormat format,
      boolean dropBad,
      PrintWriter err) {
    this.input = input;
    this.masker = masker;
    this.format = format;
    this.writer = format.writer();
    this.dropBad = dropBad;
    this.err = err;
  }

  /** Reads every input in order ({@code -} or none: stdin) into {@code output}. */
  void run(List<Path> files, InputStream stdin, EventOutput output) throws IOException {
    if (files.isEmpty()) {
      read("<stdin>", stdin, output);
    }
    for (Path file : files) {
      if (file.toString().equals("-")) {
        read("<stdin>", stdin, output);
        continue;
      }
      try (InputStream in = Files.newInputStream(file)) {
        read(file.toString(), in, output);
      } catch (NoSuchFileException e) {
        throw UserError.invalidInput(file + ": no such file");
      }
    }
  }

  /** {@code N lines read, N written, N bad (…)}: the line for stderr. */
  String summary() {
    return read
        + " lines read, "
        + written
        + " written, "
        + bad
        + " not in the input format"
        + (bad == 0 ? "" : dropBad ? " (dropped)" : " (passed on as log + parse_error)");
  }

  long bad() {
    return bad;
  }

  private void read(String source, InputStream in, EventOutput output) throws IOException {
    LineInput reader = new LineInput(in);
    Optional<ContainerLines> container =
        input.runtime().map(runtime -> new ContainerLines(runtime, input.inner()));
    LineParser parser = input.format().map(f -> f.parser()).orElse(null);
    LtsvJson direct =
        input.format().equals(Optional.of(LogFormat.LTSV))
                && format == OutputFormat.JSON
                && !output.routes()
            ? new LtsvJson(masker)
            : null;
    long number = 0;
    while (reader.advance()) {
      number++;
      read++;
      if (direct != null) {
        line.truncate(0);
        if (direct.write(reader.buffer(), reader.lineStart(), reader.lineEnd(), line)) {
          line.write('\n');
          output.write(null, line);
          written++;
          continue;
        }
      }
      String text =
          new String(
              reader.buffer(),
              reader.lineStart(),
              reader.lineEnd() - reader.lineStart(),
              StandardCharsets.UTF_8);
      if (container.isPresent()) {
        Optional<Reading> reading = container.get().accept(text);
        if (reading.isPresent()) {
          handle(reading.get(), source, number, output);
        }
      } else {
        handle(parser.parse(text), source, number, output);
      }
    }
    if (container.isPresent()) {
      for (Reading reading : container.get().finish()) {
        handle(reading, source, number, output);
      }
    }
  }

  private void handle(Reading reading, String source, long number, EventOutput output)
      throws IOException {
    LogEvent event;
    if (reading instanceof Reading.Parsed parsed) {
      event = parsed.event();
    } else {
      Reading.Problem problem = (Reading.Problem) reading;
      bad++;
      if (bad <= NAMED_PROBLEMS) {
        err.println(source + ":" + number + ":" + problem.column() + ": " + problem.message());
      }
      if (dropBad) {
        return;
      }
      LinkedHashMap<String, String> fields = new LinkedHashMap<>(4);
      fields.put("log", problem.line());
      fields.put("parse_error", problem.describe());
      event = new LogEvent(fields);
    }
    text.setLength(0);
    writer.append(masker.mask(event), text);
    text.append('\n');
    line.truncate(0);
    line.write(text.toString().getBytes(StandardCharsets.UTF_8));
    output.write(event, line);
    written++;
  }
}
