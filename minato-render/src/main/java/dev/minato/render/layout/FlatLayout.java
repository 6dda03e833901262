package dev.minato.render.layout;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.minato.manifest.YamlWriter;
import dev.minato.render.objects.AppObjects;
import dev.minato.spec.App;
import dev.minato.spec.Environment;
import dev.minato.spec.PlatformMonitoring;
import dev.minato.spec.read.SpecError;
import dev.minato.spec.read.SpecException;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes an app as one ready-to-apply file per environment ({@code <app>/<env>.yaml}), for teams
 * whose whole deployment is {@code kubectl apply -f}.
 */
public final class FlatLayout {

  private FlatLayout() {}

  public static GeneratedFiles write(App app) throws SpecException {
    return write(app, PlatformMonitoring.defaults());
  }

  public static GeneratedFiles write(App app, PlatformMonitoring monitoring) throws SpecException {
    GeneratedFiles files = new GeneratedFiles();
    List<SpecError> errors = new ArrayList<>();
    try {
      // The base spec's patches must find their targets in the base spec, as the kustomize
      // layout requires, even though no file holds the base here.
      AppObjects.render(app, app.spec(), monitoring);
    } catch (SpecException e) {
      errors.addAll(e.errors());
    }
    for (Environment environment : app.environments()) {
      try {
        files.add(
            app.name() + "/" + environment.name() + ".yaml",
            ObjectFiles.header(app.name())
                + YamlWriter.writeAll(objects(app, environment, monitoring)));
      } catch (SpecException e) {
        errors.addAll(e.errors());
      }
    }
    if (!errors.isEmpty()) {
      throw new SpecException(errors.stream().distinct().toList());
    }
    return files;
  }

  /** The objects of one environment exactly as its kustomize overlay builds them. */
  public static List<ObjectNode> objects(App app, Environment environment) throws SpecException {
    return objects(app, environment, PlatformMonitoring.defaults());
  }

  public static List<ObjectNode> objects(
      App app, Environment environment, PlatformMonitoring monitoring) throws SpecException {
    List<ObjectNode> objects = new ArrayList<>();
    for (ObjectNode object : AppObjects.render(app, environment.spec(), monitoring)) {
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
