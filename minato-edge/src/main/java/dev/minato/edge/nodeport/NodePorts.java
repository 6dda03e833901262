package dev.minato.edge.nodeport;

import dev.minato.spec.App;
import dev.minato.spec.AppSpec;
import dev.minato.spec.Environment;
import java.util.List;
import java.util.Map;

/** Puts assigned ports in place of {@code nodePort: auto}, so renderers see plain numbers. */
public final class NodePorts {

  private NodePorts() {}

  public static List<App> resolve(List<App> apps, Map<String, Integer> automatic) {
    return apps.stream().map(app -> resolve(app, automatic.get(app.name()))).toList();
  }

  private static App resolve(App app, Integer port) {
    if (port == null) {
      return app;
    }
    List<Environment> environments =
        app.environments().stream().map(e -> e.withSpec(resolve(e.spec(), port))).toList();
    return app.withSpecs(resolve(app.spec(), port), environments);
  }

  private static AppSpec resolve(AppSpec spec, int port) {
    return spec.expose().autoNodePort() ? spec.withExpose(spec.expose().withNodePort(port)) : spec;
  }
}
