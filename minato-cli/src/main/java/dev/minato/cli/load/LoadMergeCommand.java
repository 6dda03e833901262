package dev.minato.cli.load;

import dev.minato.cli.UserError;
import dev.minato.load.slo.Slo;
import dev.minato.load.stats.Results;
import dev.minato.load.stats.ShardLog;
import dev.minato.load.stats.ShardLogException;
import dev.minato.load.stats.ShardMerge;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code minato load merge}: the shard logs of a distributed run, added up exactly and gated. */
@Command(
    name = "merge",
    mixinStandardHelpOptions = true,
    description = {
      "Merge the HdrHistogram logs of a sharded run and evaluate SLOs on the merged distribution.",
      "The scenario's SLOs travel in the logs; --slo adds more. Exit 1 when an SLO fails, 2 when",
      "the logs are unreadable or are not one complete set of shards."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  minato load merge shard-0.hlog shard-1.hlog shard-2.hlog shard-3.hlog",
      "  minato load merge pod-logs/*.log --slo 'p99<250ms' --html merged.html",
      "",
      "Each input may be a plain .hlog file or a container log ('kubectl logs') that holds one."
    })
final class LoadMergeCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Parameters(arity = "1..*", paramLabel = "LOG", description = "Shard logs, one per shard.")
  List<Path> logs = new ArrayList<>();

  @Option(
      names = "--slo",
      paramLabel = "SLO",
      description =
          "A gate like 'p99<250ms', 'errors<0.1%%', 'rate>=1900/s', or 'checkout:p99<300ms' for"
              + " one named request; repeatable.")
  List<String> slos = new ArrayList<>();

  @Mixin ReportOptions reportOptions;

  @Override
  public Integer call() {
    List<Slo> extra = ScenarioOptions.parseSlos(slos);
    reportOptions.checkWritable();
    List<ShardLog> parsed = new ArrayList<>();
    for (Path path : logs) {
      String text;
      try {
        text = Files.readString(path, StandardCharsets.UTF_8);
      } catch (NoSuchFileException e) {
        throw UserError.invalidInput(path + ": no such file");
      } catch (IOException e) {
        throw UserError.invalidInput(path + ": cannot read: " + e.getMessage());
      }
      try {
        parsed.add(ShardLog.parse(path.toString(), text));
      } catch (ShardLogException e) {
        throw UserError.invalidInput(e.getMessage());
      }
    }
    Results results;
    try {
      results = ShardMerge.merge(parsed);
    } catch (ShardLogException e) {
      throw UserError.invalidInput(e.getMessage());
    }
    List<Slo> all = new ArrayList<>();
    for (String text : results.info().slos()) {
      all.addAll(ScenarioOptions.parseSlos(List.of(text)));
    }
    all.addAll(extra);
    List<String> names = results.requestResults().stream().map(r -> r.name()).toList();
    if (names.isEmpty() && all.stream().anyMatch(slo -> slo.request().isPresent())) {
      throw UserError.invalidInput(
          "an SLO names a request, but these shard logs do not record results per request (they"
              + " predate log format 3); judge the whole run, or rerun the shards");
    }
    ScenarioOptions.checkRequestNames(all, names);
    return reportOptions.report(results, all, spec.commandLine().getOut());
  }
}
