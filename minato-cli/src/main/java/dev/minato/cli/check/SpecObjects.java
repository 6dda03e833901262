package dev.minato.cli.check;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.minato.cli.edge.NodePortAllocation;
import dev.minato.cli.generate.GenerateCommand;
import dev.minato.edge.nodeport.NodePorts;
import dev.minato.edge.nodeport.Repository;
import dev.minato.edge.nodeport.RepositoryNodePorts;
import dev.minato.manifest.KubeObject;
import dev.minato.manifest.SourcePosition;
import dev.minato.render.layout.FlatLayout;
import dev.minato.spec.App;
import dev.minato.spec.Environment;
import dev.minato.spec.PlatformMonitoring;
import dev.minato.spec.read.SpecException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@code minato generate} would produce from specs, as objects for the checker: every
 * environment of every app, with NodePorts assigned as generate would (nothing is written). Each
 * object points at its app's spec, so findings name the file to change.
 */
final class SpecObjects {

  private SpecObjects() {}

  static List<KubeObject> render(List<Path> inputs, PrintWriter err) {
    List<App> specs = GenerateCommand.loadOrFail(inputs, err);
    RepositoryNodePorts nodePorts = RepositoryNodePorts.of(Repository.of(inputs));
    PlatformMonitoring monitoring = GenerateCommand.monitoringOrFail(nodePorts, err);
    RepositoryNodePorts.Result allocation =
        NodePortAllocation.allocateOrFail(nodePorts, specs, err);
    List<App> apps = NodePorts.resolve(specs, allocation.allocation().automatic());
    List<KubeObject> objects = new ArrayList<>();
    for (App app : apps) {
      for (Environment env : app.environments()) {
        SourcePosition source =
            new SourcePosition(
                app.source().source() + " (" + env.name() + ")",
                app.source().line(),
                app.source().column());
        try {
          for (ObjectNode object : FlatLayout.objects(app, env, monitoring)) {
            objects.add(KubeObject.synthetic(object, source));
          }
        } catch (SpecException e) {
          throw GenerateCommand.invalid(e, err);
        }
      }
    }
    return objects;
  }
}
