package dev.minato.cli.edge;

import dev.minato.cli.ExitCodes;
import dev.minato.cli.UserError;
import dev.minato.cli.generate.GenerateCommand;
import dev.minato.edge.nodeport.Assignment;
import dev.minato.edge.nodeport.Repository;
import dev.minato.edge.nodeport.RepositoryNodePorts;
import dev.minato.manifest.diff.TextDiff;
import dev.minato.spec.App;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code minato nodeports}: assign and record a stable NodePort for every app that asks. */
@Command(
    name = "nodeports",
    mixinStandardHelpOptions = true,
    description = {
      "Assign stable NodePorts to apps with 'nodePort: auto' (nodeports.lock).",
      "Each port is recorded in nodeports.lock at the repository root. Explicit ports in specs",
      "and NodePorts of plain manifests are honoured and checked for collisions. The lock is the",
      "repository's: with -f, every spec below the root is still allocated for, and no other",
      "app's line is dropped. 'minato generate' runs the same code."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  minato nodeports              assign, update nodeports.lock, print the table",
      "  minato nodeports --check      in CI: exit 1 when nodeports.lock is stale",
      "",
      "The range comes from platform.yaml (nodePortRange, default 30000-32767), which may also",
      "exclude copies of manifests from the scan (nodePortScan.exclude). See docs/edge.md."
    })
public final class NodePortsCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(
      names = {"-f", "--file"},
      paramLabel = "PATH",
      description = "Spec files or directories (repeatable; default: .).")
  List<Path> inputs = List.of(Path.of("."));

  @Option(names = "--check", description = "Change nothing; exit 1 when the lock file is stale.")
  boolean check;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    List<App> apps = GenerateCommand.loadOrFail(inputs, err);
    RepositoryNodePorts repository = RepositoryNodePorts.of(Repository.of(inputs));
    RepositoryNodePorts.Result result = NodePortAllocation.allocateOrFail(repository, apps, err);
    result.allocation().warnings().forEach(w -> err.println("warning: " + w));
    if (check) {
      if (!result.lockChanged()) {
        out.println(repository.lockFile() + " is up to date");
        return ExitCodes.OK;
      }
      out.print(
          TextDiff.unified(
              repository.lockFile().toString(),
              result.current().text(),
              "expected",
              result.allocation().lock().text()));
      err.println(
          "minato: " + repository.lockFile() + " is stale; run 'minato nodeports' and commit it");
      return ExitCodes.CHECK_FAILED;
    }
    for (Assignment assignment : result.allocation().assignments()) {
      out.printf(
          "%-24s %5d  %s%n",
          assignment.app(),
          assignment.port(),
          assignment.source().name().toLowerCase(java.util.Locale.ROOT));
    }
    if (result.lockChanged()) {
      try {
        result.allocation().lock().write(repository.lockFile());
      } catch (IOException e) {
        throw UserError.environment(
            "cannot write " + repository.lockFile() + ": " + e.getMessage());
      }
      out.println("Updated " + repository.lockFile());
    }
    return ExitCodes.OK;
  }
}
