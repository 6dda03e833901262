package dev.minato.cli.cluster;

import dev.minato.cluster.apply.DryRun;
import java.util.List;
import java.util.Optional;
import java.util.Stack;
import picocli.CommandLine.IParameterConsumer;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code --dry-run[=none|client|server]} as kubectl reads it: a bare {@code --dry-run} means
 * server, and the argument after it is taken only when it is one of the modes, so {@code apply
 * --dry-run manifests/} keeps its path (picocli would otherwise take the path as the mode).
 */
final class DryRunConsumer implements IParameterConsumer {

  @Override
  public void consumeParameters(Stack<String> args, ArgSpec option, CommandSpec command) {
    Optional<DryRun> given = args.isEmpty() ? Optional.empty() : mode(args.peek());
    if (given.isPresent()) {
      args.pop();
    }
    option.setValue(given.orElse(DryRun.SERVER));
  }

  /** The mode a text names, case-insensitively; empty when it names none. */
  static Optional<DryRun> mode(String text) {
    for (DryRun mode : DryRun.values()) {
      if (mode.name().equalsIgnoreCase(text)) {
        return Optional.of(mode);
      }
    }
    return Optional.empty();
  }

  /**
   * The value of a {@code --dry-run=VALUE} that is not a mode, if the command line has one: the
   * consumer cannot tell it from a following argument, so the command checks the original words.
   */
  static Optional<String> invalidAttached(List<String> originalArgs) {
    for (String arg : originalArgs) {
      if (arg.startsWith("--dry-run=")) {
        String value = arg.substring("--dry-run=".length());
        if (mode(value).isEmpty()) {
          return Optional.of(value);
        }
      }
    }
    return Optional.empty();
  }
}
