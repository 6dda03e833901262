package dev.minato.render.layout;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.minato.render.objects.Labels;
import java.util.List;

/**
 * Puts the environment label where kustomize's {@code labels} transformer with {@code
 * includeTemplates: true} puts it (object metadata, pod and claim templates, never selectors), so
 * that the flat layout and the kustomize overlays produce the same objects.
 */
final class EnvironmentLabel {

  private static final List<String> TEMPLATE_PATHS =
      List.of(
          "/spec/template/metadata",
          "/spec/jobTemplate/metadata",
          "/spec/jobTemplate/spec/template/metadata");

  private EnvironmentLabel() {}

  static ObjectNode apply(ObjectNode object, String environment) {
    ObjectNode labelled = object.deepCopy();
    labels((ObjectNode) labelled.get("metadata")).put(Labels.ENVIRONMENT, environment);
    for (String path : TEMPLATE_PATHS) {
      JsonNode metadata = labelled.at(path);
      if (metadata.isObject()) {
        labels((ObjectNode) metadata).put(Labels.ENVIRONMENT, environment);
      } else if (path.equals("/spec/jobTemplate/metadata")
          && labelled.at("/spec/jobTemplate").isObject()) {
        // kustomize creates the job template's metadata to label it; so must we.
        ObjectNode jobTemplate = (ObjectNode) labelled.at("/spec/jobTemplate");
        ObjectNode created = jobTemplate.objectNode();
        created.putObject("labels").put(Labels.ENVIRONMENT, environment);
        ObjectNode reordered = jobTemplate.objectNode();
        reordered.set("metadata", created);
        jobTemplate.fields().forEachRemaining(e -> reordered.set(e.getKey(), e.getValue()));
        jobTemplate.removeAll();
        jobTemplate.setAll(reordered);
      }
    }
    // kustomize labels a StatefulSet's claim templates as templates too.
    for (JsonNode claim : labelled.path("spec").path("volumeClaimTemplates")) {
      if (claim.path("metadata").isObject()) {
        labels((ObjectNode) claim.get("metadata")).put(Labels.ENVIRONMENT, environment);
      }
    }
    return labelled;
  }

  private static ObjectNode labels(ObjectNode metadata) {
    JsonNode labels = metadata.get("labels");
    return labels instanceof ObjectNode existing ? existing : metadata.putObject("labels");
  }
}
