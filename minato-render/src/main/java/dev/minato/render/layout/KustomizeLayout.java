package dev.minato.render.layout;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.minato.manifest.YamlWriter;
import dev.minato.render.objects.AppObjects;
import dev.minato.render.objects.Labels;
import dev.minato.spec.App;
import dev.minato.spec.Environment;
import dev.minato.spec.PlatformMonitoring;
import dev.minato.spec.read.SpecError;
import dev.minato.spec.read.SpecException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Writes an app as a kustomize base and one overlay per environment. The base holds the objects of
 * the spec without overrides; an overlay adds the environment label and namespace, JSON patches for
 * objects that differ, and the objects only that environment has. A dashboard ConfigMap is written
 * as its JSON file and a {@code configMapGenerator} entry ({@link DashboardGenerator}).
 */
public final class KustomizeLayout {

  private static final String KUSTOMIZE_API = "kustomize.config.k8s.io/v1beta1";

  private KustomizeLayout() {}

  public static GeneratedFiles write(App app) throws SpecException {
    return write(app, PlatformMonitoring.defaults());
  }

  public static GeneratedFiles write(App app, PlatformMonitoring monitoring) throws SpecException {
    GeneratedFiles files = new GeneratedFiles();
    String header = ObjectFiles.header(app.name());
    List<ObjectNode> base;
    try {
      base = AppObjects.render(app, app.spec(), monitoring);
    } catch (SpecException e) {
      throw new SpecException(withEnvironmentErrors(app, e.errors(), monitoring));
    }
    ArrayNode baseResources = array();
    ArrayNode baseGenerators = array();
    Set<String> baseDataFiles = new HashSet<>();
    for (ObjectNode object : base) {
      if (!generated(object, app.name() + "/base/", baseDataFiles, baseGenerators, files)) {
        String file = ObjectFiles.fileName(object);
        files.add(app.name() + "/base/" + file, header + YamlWriter.write(object));
        baseResources.add(file);
      }
    }
    ObjectNode baseKustomization = kustomization().set("resources", baseResources);
    if (!baseGenerators.isEmpty()) {
      baseKustomization.set("configMapGenerator", baseGenerators);
    }
    files.add(
        app.name() + "/base/kustomization.yaml", header + YamlWriter.write(baseKustomization));
    List<SpecError> errors = new ArrayList<>();
    for (Environment environment : app.environments()) {
      try {
        overlay(app, environment, base, files, header, monitoring);
      } catch (SpecException e) {
        errors.addAll(e.errors());
      }
    }
    if (!errors.isEmpty()) {
      throw new SpecException(errors);
    }
    return files;
  }

  /** The base's errors and every environment's, each once: all problems of a spec at once. */
  private static List<SpecError> withEnvironmentErrors(
      App app, List<SpecError> baseErrors, PlatformMonitoring monitoring) {
    Set<SpecError> errors = new LinkedHashSet<>(baseErrors);
    for (Environment environment : app.environments()) {
      try {
        AppObjects.render(app, environment.spec(), monitoring);
      } catch (SpecException e) {
        errors.addAll(e.errors());
      }
    }
    return List.copyOf(errors);
  }

  private static void overlay(
      App app,
      Environment environment,
      List<ObjectNode> base,
      GeneratedFiles files,
      String header,
      PlatformMonitoring monitoring)
      throws SpecException {
    String dir = app.name() + "/overlays/" + environment.name() + "/";
    Map<String, ObjectNode> baseByIdentity = byIdentity(base);
    Map<String, ObjectNode> envByIdentity =
        byIdentity(AppObjects.render(app, environment.spec(), monitoring));
    ArrayNode resources = array().add("../../base");
    ArrayNode generators = array();
    Set<String> dataFiles = new HashSet<>();
    ArrayNode patches = array();
    for (Map.Entry<String, ObjectNode> entry : envByIdentity.entrySet()) {
      ObjectNode object = entry.getValue();
      ObjectNode original = baseByIdentity.get(entry.getKey());
      String file = ObjectFiles.fileName(object);
      if (original == null) {
        if (!generated(object, dir, dataFiles, generators, files)) {
          files.add(dir + file, header + YamlWriter.write(object));
          resources.add(file);
        }
        continue;
      }
      ArrayNode patch = JsonPatch.diff(original, object);
      if (!patch.isEmpty()) {
        String patchFile = "patch-" + file;
        files.add(dir + patchFile, header + YamlWriter.write(patch));
        ObjectNode entryNode = patches.addObject().put("path", patchFile);
        entryNode.set("target", target(object));
      }
    }
    for (Map.Entry<String, ObjectNode> entry : baseByIdentity.entrySet()) {
      if (!envByIdentity.containsKey(entry.getKey())) {
        ObjectNode object = entry.getValue();
        String deleteFile = "delete-" + ObjectFiles.fileName(object);
        files.add(dir + deleteFile, header + YamlWriter.write(deletion(object)));
        patches.addObject().put("path", deleteFile);
      }
    }
    ObjectNode kustomization = kustomization();
    environment.namespace().ifPresent(ns -> kustomization.put("namespace", ns));
    kustomization.set("resources", resources);
    if (!generators.isEmpty()) {
      kustomization.set("configMapGenerator", generators);
    }
    ObjectNode label = kustomization.putArray("labels").addObject();
    label.putObject("pairs").put(Labels.ENVIRONMENT, environment.name());
    // Selectors are immutable and must not change per environment; pod templates should carry it.
    label.put("includeSelectors", false).put("includeTemplates", true);
    if (!patches.isEmpty()) {
      kustomization.set("patches", patches);
    }
    files.add(dir + "kustomization.yaml", header + YamlWriter.write(kustomization));
  }

  /**
   * Writes {@code object} into {@code dir} as a {@code configMapGenerator} entry and its data files
   * when it is a dashboard a generator reproduces exactly; whether it did.
   */
  private static boolean generated(
      ObjectNode object,
      String dir,
      Set<String> dataFiles,
      ArrayNode generators,
      GeneratedFiles files) {
    Optional<DashboardGenerator> generator = DashboardGenerator.of(object, dataFiles);
    if (generator.isEmpty()) {
      return false;
    }
    generator
        .get()
        .files()
        .forEach(
            (name, content) -> {
              dataFiles.add(name);
              files.add(dir + name, content);
            });
    generators.add(generator.get().entry());
    return true;
  }

  private static Map<String, ObjectNode> byIdentity(List<ObjectNode> objects) {
    Map<String, ObjectNode> map = new LinkedHashMap<>();
    for (ObjectNode object : objects) {
      map.put(ObjectFiles.identity(object), object);
    }
    return map;
  }

  private static ObjectNode target(ObjectNode object) {
    String apiVersion = object.path("apiVersion").asText();
    int slash = apiVersion.indexOf('/');
    ObjectNode target = JsonNodeFactory.instance.objectNode();
    target.put("group", slash < 0 ? "" : apiVersion.substring(0, slash));
    target.put("version", slash < 0 ? apiVersion : apiVersion.substring(slash + 1));
    target.put("kind", ObjectFiles.kind(object));
    target.put("name", ObjectFiles.name(object));
    return target;
  }

  /** A strategic-merge patch that removes an object the environment does not have. */
  private static ObjectNode deletion(ObjectNode object) {
    ObjectNode patch = JsonNodeFactory.instance.objectNode();
    patch.put("$patch", "delete");
    patch.put("apiVersion", object.path("apiVersion").asText());
    patch.put("kind", ObjectFiles.kind(object));
    patch.putObject("metadata").put("name", ObjectFiles.name(object));
    return patch;
  }

  private static ObjectNode kustomization() {
    return JsonNodeFactory.instance
        .objectNode()
        .put("apiVersion", KUSTOMIZE_API)
        .put("kind", "Kustomization");
  }

  private static ArrayNode array() {
    return JsonNodeFactory.instance.arrayNode();
  }
}
