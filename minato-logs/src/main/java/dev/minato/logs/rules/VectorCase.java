package dev.minato.logs.rules;

import dev.minato.logs.read.LogFormat;
import dev.minato.logs.write.OutputFormat;
import dev.minato.manifest.SourcePosition;
import java.util.Objects;
import java.util.Optional;

/**
 * One pinned example of what a ruleset does: this input line must come out as that line (and, when
 * routing is set and {@code stream} is given, go to that stream). Teams keep these beside their
 * rules so that CI notices a rule that stops masking.
 *
 * @param name what the case shows
 * @param input the line as an application writes it
 * @param from the format of {@code input}
 * @param expect the line after masking
 * @param to the format of {@code expect}
 * @param stream the stream the event must be routed to, if checked
 * @param at where the case was written, for the report
 */
public record VectorCase(
    String name,
    String input,
    LogFormat from,
    String expect,
    OutputFormat to,
    Optional<String> stream,
    SourcePosition at) {

  public VectorCase {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(input, "input");
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(expect, "expect");
    Objects.requireNonNull(to, "to");
    Objects.requireNonNull(stream, "stream");
    Objects.requireNonNull(at, "at");
  }

  /** The output format a case uses when it names none: LTSV for LTSV input, else JSON lines. */
  public static OutputFormat defaultOutput(LogFormat from) {
    return from == LogFormat.LTSV ? OutputFormat.LTSV : OutputFormat.JSON;
  }
}
