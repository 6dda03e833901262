package dev.minato.cli.logs;

import dev.minato.cli.UserError;
import dev.minato.logs.read.ContainerRuntime;
import dev.minato.logs.read.LineParser;
import dev.minato.logs.read.LogFormat;
import dev.minato.logs.write.OutputFormat;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The input and output options {@code logs mask} and {@code logs convert} share. */
final class StreamOptions {

  @Option(
      names = "--from",
      paramLabel = "FORMAT",
      defaultValue = "ltsv",
      description = "Input format: ltsv, json, nginx, cri, docker (default: ${DEFAULT-VALUE}).")
  String from;

  @Option(
      names = "--inner",
      paramLabel = "FORMAT",
      description =
          "With --from cri or docker: the format of the application's lines inside (ltsv, json,"
              + " nginx); without it a container line becomes time, stream and log.")
  String inner;

  @Option(
      names = "--to",
      paramLabel = "FORMAT",
      defaultValue = "json",
      description = "Output format: json (JSON lines) or ltsv (default: ${DEFAULT-VALUE}).")
  String to;

  @Option(
      names = "--drop-bad",
      description =
          "Drop lines that are not in the input format instead of passing them on as"
              + " {log, parse_error} (masked like any other field). Counted on stderr either way.")
  boolean dropBad;

  @Parameters(paramLabel = "FILE", description = "Files to read in order; none or '-' reads stdin.")
  List<Path> files = new ArrayList<>();

  /** What the input lines are: a line format, or a container runtime around one. */
  record Input(
      Optional<LogFormat> format, Optional<ContainerRuntime> runtime, Optional<LineParser> inner) {}

  Input input() {
    Optional<ContainerRuntime> runtime = ContainerRuntime.of(from);
    if (runtime.isPresent()) {
      return new Input(
          Optional.empty(),
          runtime,
          Optional.ofNullable(inner).map(f -> format(f, "--inner").parser()));
    }
    if (inner != null) {
      throw UserError.invalidInput(
          "--inner goes with --from cri or --from docker, not --from " + from);
    }
    return new Input(Optional.of(format(from, "--from")), Optional.empty(), Optional.empty());
  }

  OutputFormat output() {
    return OutputFormat.of(to)
        .orElseThrow(
            () ->
                UserError.invalidInput(
                    "--to "
                        + to
                        + ": expected one of "
                        + String.join(", ", OutputFormat.ids())
                        + OutputFormat.didYouMean(to)));
  }

  private static LogFormat format(String name, String option) {
    return LogFormat.of(name)
        .orElseThrow(
            () -> {
              List<String> known =
                  Stream.concat(LogFormat.ids().stream(), ContainerRuntime.ids().stream()).toList();
              return UserError.invalidInput(
                  option
                      + " "
                      + name
                      + ": expected one of "
                      + String.join(", ", option.equals("--from") ? known : LogFormat.ids())
                      + dev.minato.manifest.Suggestions.didYouMean(name, known));
            });
  }
}
