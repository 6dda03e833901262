package dev.minato.render.layout;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.minato.render.objects.DashboardRenderer;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A dashboard ConfigMap as a kustomize directory holds it: each dashboard as a plain {@code .json}
 * file, and a {@code configMapGenerator} entry that builds from those files the very ConfigMap the
 * flat layout writes (its name without kustomize's hash suffix, so the overlays' patches and
 * Grafana's sidecar still find it; its labels and annotations). A reviewer reads a dashboard change
 * as a JSON diff, and no YAML writer has to quote 15 KB of JSON.
 *
 * @param entry the {@code configMapGenerator} entry
 * @param files the data files by file name, in the kustomization's directory
 */
record DashboardGenerator(ObjectNode entry, Map<String, String> files) {

  /**
   * A data key kustomize takes as the file's name, and that no other generated file can have: the
   * directory's other files end in {@code .yaml}.
   */
  private static final Pattern FILE_KEY = Pattern.compile("[-._a-zA-Z0-9]+\\.json");

  private static final Set<String> OBJECT_FIELDS = Set.of("apiVersion", "kind", "metadata", "data");
  private static final Set<String> METADATA_FIELDS =
      Set.of("name", "namespace", "labels", "annotations");

  DashboardGenerator {
    files = Map.copyOf(files);
  }

  /**
   * {@code object} as a generator, when it is a dashboard ConfigMap that a generator reproduces
   * exactly and none of its file names is in {@code taken}; empty otherwise (the spec's {@code
   * patches} may give it fields a generator cannot set), and the object is then written as a file
   * of its own like any other.
   */
  static Optional<DashboardGenerator> of(ObjectNode object, Set<String> taken) {
    if (!DashboardRenderer.isDashboard(object)
        || !object.path("apiVersion").asText().equals("v1")
        || !fieldsWithin(object, OBJECT_FIELDS)
        || !(object.get("metadata") instanceof ObjectNode metadata)
        || !fieldsWithin(metadata, METADATA_FIELDS)
        || !metadata.path("name").isTextual()
        || (metadata.has("namespace") && !metadata.get("namespace").isTextual())
        || !stringMap(metadata.path("labels"), true)
        || !stringMap(metadata.path("annotations"), true)
        || !stringMap(object.path("data"), false)
        || object.path("data").isEmpty()) {
      return Optional.empty();
    }
    Map<String, String> files = new LinkedHashMap<>();
    ObjectNode entry = JsonNodeFactory.instance.objectNode();
    entry.set("name", metadata.get("name"));
    if (metadata.has("namespace")) {
      entry.set("namespace", metadata.get("namespace"));
    }
    var names = entry.putArray("files");
    Iterator<Map.Entry<String, JsonNode>> data = object.get("data").fields();
    while (data.hasNext()) {
      Map.Entry<String, JsonNode> file = data.next();
      if (!FILE_KEY.matcher(file.getKey()).matches() || taken.contains(file.getKey())) {
        return Optional.empty();
      }
      names.add(file.getKey());
      files.put(file.getKey(), file.getValue().textValue());
    }
    ObjectNode options = entry.putObject("options").put("disableNameSuffixHash", true);
    if (metadata.has("labels")) {
      options.set("labels", metadata.get("labels"));
    }
    if (metadata.has("annotations")) {
      options.set("annotations", metadata.get("annotations"));
    }
    return Optional.of(new DashboardGenerator(entry, files));
  }

  private static boolean fieldsWithin(JsonNode node, Set<String> allowed) {
    Iterator<String> names = node.fieldNames();
    while (names.hasNext()) {
      if (!allowed.contains(names.next())) {
        return false;
      }
    }
    return true;
  }

  /** An object of strings (or, where {@code optional}, nothing at all). */
  private static boolean stringMap(JsonNode node, boolean optional) {
    if (node.isMissingNode()) {
      return optional;
    }
    if (!node.isObject()) {
      return false;
    }
    for (JsonNode value : node) {
      if (!value.isTextual()) {
        return false;
      }
    }
    return true;
  }
}
