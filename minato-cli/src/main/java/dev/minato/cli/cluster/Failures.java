package dev.minato.cli.cluster;

import dev.minato.cli.ExitCodes;
import dev.minato.cluster.connect.ClusterException;
import java.io.PrintWriter;

/** Prints a cluster failure the way every minato error is printed and picks its exit code. */
final class Failures {

  private Failures() {}

  static int report(ClusterException e, PrintWriter err) {
    err.println("minato: " + e.getMessage());
    err.flush();
    return switch (e.reason()) {
      case INVALID_INPUT -> ExitCodes.INVALID_INPUT;
      case ENVIRONMENT -> ExitCodes.ENVIRONMENT;
      case FAILED -> ExitCodes.CHECK_FAILED;
    };
  }
}
