package dev.minato.render.objects;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.minato.manifest.MinatoLabels;
import dev.minato.spec.AppSpec;
import dev.minato.spec.Logs;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The spec's {@code annotations} on every object minato renders for the app, and its {@code
 * podAnnotations} on every pod template. The spec reader refuses keys minato sets itself; should
 * one still meet an annotation minato wrote, minato's value stays, since checks and tools rely on
 * it.
 */
final class SpecAnnotations {

  private SpecAnnotations() {}

  static void apply(AppSpec spec, List<ObjectNode> objects) {
    for (ObjectNode object : objects) {
      add((ObjectNode) object.get("metadata"), spec.annotations());
      JsonNode template =
          object.path("kind").asText().equals("CronJob")
              ? object.path("spec").path("jobTemplate").path("spec").path("template")
              : object.path("spec").path("template");
      if (template.path("spec").path("containers").isArray()) {
        spec.logs().ifPresent(logs -> add((ObjectNode) template.get("metadata"), of(logs)));
        add((ObjectNode) template.get("metadata"), spec.podAnnotations());
      }
    }
  }

  /**
   * What {@code spec.logs} declares, on the pods whose output it describes, so that {@code check}
   * sees a missing format in any rendered manifest, not only in specs.
   */
  static Map<String, String> of(Logs logs) {
    Map<String, String> annotations = new LinkedHashMap<>();
    annotations.put(MinatoLabels.LOG_STREAM, logs.stream());
    logs.format().ifPresent(format -> annotations.put(MinatoLabels.LOG_FORMAT, format.spelling()));
    return annotations;
  }

  private static void add(ObjectNode metadata, Map<String, String> annotations) {
    if (annotations.isEmpty() || metadata == null) {
      return;
    }
    ObjectNode existing =
        metadata.has("annotations")
            ? (ObjectNode) metadata.get("annotations")
            : metadata.putObject("annotations");
    annotations.forEach(
        (key, value) -> {
          if (!existing.has(key)) {
            existing.put(key, value);
          }
        });
  }
}
