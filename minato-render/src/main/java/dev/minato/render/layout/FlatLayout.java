package dev.minato.render.layout;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.minato.manifest.YamlWriter;
import dev.minato.render.objects.AppRenderer;
import dev.minato.spec.App;
import dev.minato.spec.Environment;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes an app as one ready-to-apply file per environment ({@code <app>/<env>.yaml}), for teams
 * whose whole deployment is {@code kubectl apply -f}.
 */
public final class FlatLayout {

  private FlatLayout() {}

  public static GeneratedFiles write(App app) {
    GeneratedFiles files = new GeneratedFiles();
    for (Environment environment : app.environments()) {
      files.add(
          app.name() + "/" + environment.name() + ".yaml",
          ObjectFiles.header(app.name()) + YamlWriter.writeAll(objects(app, environment)));
    }
    return files;
  }

  /** The objects of one environment exactly as its kustomize overlay builds them. */
  public static List<ObjectNode> objects(App app, Environment environment) {
    List<ObjectNode> objects = new ArrayList<>();
    for (ObjectNode object : AppRenderer.render(app, environment.spec())) {
      ObjectNode labelled = EnvironmentLabel.apply(object, environment.name());
      environment.namespace().ifPresent(ns -> setNamespace(labelled, ns));
      objects.add(labelled);
    }
    return objects;
  }

  private static void setNamespace(ObjectNode object, String namespace) {
    ObjectNode metadata = (ObjectNode) object.get("metadata");
    ObjectNode reordered = metadata.objectNode();
    reordered.set("name", metadata.get("name"));
    reordered.put("namespace", namespace);
    metadata
        .fields()
        .forEachRemaining(
            e -> {
              if (!e.getKey().equals("name")) {
                reordered.set(e.getKey(), e.getValue());
              }
            });
    object.set("metadata", reordered);
  }
}
