package dev.minato.cli.edge;

import dev.minato.cli.UserError;
import dev.minato.edge.nodeport.NodePorts;
import dev.minato.edge.nodeport.Repository;
import dev.minato.edge.nodeport.RepositoryNodePorts;
import dev.minato.spec.App;
import dev.minato.spec.read.SpecException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;

/** Runs allocation for a command, turning its errors into exit code 2 with every message. */
public final class NodePortAllocation {

  private NodePortAllocation() {}

  /**
   * The apps with assigned ports in place of {@code auto}, for commands that only read the lock: a
   * stale lock is an error, because their output must match the committed assignments.
   */
  public static List<App> resolveFromLock(List<Path> inputs, List<App> apps, PrintWriter err) {
    RepositoryNodePorts repository = RepositoryNodePorts.of(Repository.of(inputs));
    RepositoryNodePorts.Result result = allocateOrFail(repository, apps, err);
    if (result.lockChanged()) {
      throw UserError.invalidInput(
          repository.lockFile()
              + " is stale or missing; run 'minato nodeports'"
              + " (or 'minato generate') and commit it");
    }
    return NodePorts.resolve(apps, result.allocation().automatic());
  }

  public static RepositoryNodePorts.Result allocateOrFail(
      RepositoryNodePorts repository, List<App> apps, PrintWriter err) {
    try {
      return repository.allocate(apps);
    } catch (SpecException e) {
      e.errors().forEach(err::println);
      throw UserError.invalidInput(
          e.errors().size()
              + (e.errors().size() == 1 ? " error" : " errors")
              + " in NodePort assignments, which cover every spec of the repository at "
              + repository.root()
              + "; nothing was written");
    }
  }
}
