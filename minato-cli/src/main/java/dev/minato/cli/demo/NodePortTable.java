package dev.minato.cli.demo;

import dev.minato.spec.App;
import dev.minato.spec.Environment;
import dev.minato.spec.Expose;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;

/** The demo's view of NodePorts: which app is reachable on which port, and where it came from. */
final class NodePortTable {

  private NodePortTable() {}

  static void print(PrintWriter out, Path specs, List<App> resolved) {
    out.println();
    out.println(
        "NodePorts (explicit in the spec, or 'auto' and kept in "
            + specs.resolve("nodeports.lock")
            + "):");
    for (App app : resolved) {
      for (Environment env : app.environments()) {
        Expose expose = env.spec().expose();
        if (expose.type() == Expose.Type.NODE_PORT && expose.nodePort().isPresent()) {
          out.printf(
              "  %-14s %-4s %5d  externalTrafficPolicy %s%n",
              app.name(),
              env.name(),
              expose.nodePort().getAsInt(),
              expose.externalTrafficPolicy().spelling());
        }
      }
    }
  }
}
