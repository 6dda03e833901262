package dev.minato.cli.logs;

import dev.minato.cli.ExitCodes;
import dev.minato.cli.ProcessStdout;
import dev.minato.cli.UserError;
import dev.minato.logs.mask.Masker;
import dev.minato.logs.rules.Routing;
import dev.minato.logs.write.OutputFormat;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;

/** Runs a {@link LogFilter} for {@code mask} and {@code convert} and reports on stderr. */
final class FilterRun {

  private FilterRun() {}

  static int run(
      String command,
      StreamOptions options,
      Masker masker,
      Optional<Routing> routing,
      Path outDir,
      PrintWriter out,
      PrintWriter err) {
    StreamOptions.Input input = options.input();
    OutputFormat format = options.output();
    if (outDir != null && routing.isEmpty()) {
      throw UserError.invalidInput(
          "--out-dir writes one file per routed stream, and the ruleset has no 'routing'");
    }
    LogFilter filter = new LogFilter(input, masker, format, options.dropBad, err);
    StreamFiles streams =
        outDir == null
            ? null
            : StreamFiles.open(
                outDir, routing.get(), format == OutputFormat.JSON ? "jsonl" : "ltsv");
    try (EventOutput output =
        streams != null ? streams : EventOutput.to(out, ProcessStdout.utf8Bytes(out))) {
      filter.run(options.files, System.in, output);
    } catch (IOException e) {
      throw UserError.environment("minato logs " + command + ": " + e.getMessage());
    }
    err.println("minato logs " + command + ": " + filter.summary());
    if (streams != null) {
      err.print(streams.summary());
    }
    err.flush();
    return ExitCodes.OK;
  }
}
