package dev.minato.check.suppression;

import com.fasterxml.jackson.databind.JsonNode;
import dev.minato.manifest.JsonPointers;
import dev.minato.manifest.KubeObject;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Finds suppression annotations on an object: on its own metadata and, for workloads, on the pod
 * template too (tools that copy annotations to pods put them there).
 */
public final class Suppressions {

  private static final List<String> METADATA =
      List.of(
          "/metadata/annotations",
          "/spec/template/metadata/annotations",
          "/spec/jobTemplate/spec/template/metadata/annotations");

  private Suppressions() {}

  public static List<SuppressionAnnotation> on(KubeObject object) {
    List<SuppressionAnnotation> found = new ArrayList<>();
    for (String annotations : METADATA) {
      JsonNode node = object.at(annotations);
      if (!node.isObject()) {
        continue;
      }
      Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> entry = fields.next();
        String key = entry.getKey();
        if (key.startsWith(SuppressionAnnotation.PREFIX)) {
          String pointer = JsonPointers.child(annotations, key);
          found.add(
              new SuppressionAnnotation(
                  key.substring(SuppressionAnnotation.PREFIX.length()),
                  entry.getValue().asText(""),
                  pointer,
                  object.positionOf(pointer)));
        }
      }
    }
    return found;
  }

  /** Whether the object has any suppression annotation, cheaply (most objects have none). */
  public static boolean any(KubeObject object) {
    JsonNode tree = object.tree();
    JsonNode template = tree.path("spec").path("template");
    JsonNode jobTemplate = tree.path("spec").path("jobTemplate").path("spec").path("template");
    for (JsonNode owner : List.of(tree, template, jobTemplate)) {
      JsonNode node = owner.path("metadata").path("annotations");
      if (node.isObject()) {
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
          if (names.next().startsWith(SuppressionAnnotation.PREFIX)) {
            return true;
          }
        }
      }
    }
    return false;
  }
}
