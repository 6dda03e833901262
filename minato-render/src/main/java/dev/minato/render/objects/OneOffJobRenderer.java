package dev.minato.render.objects;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.minato.manifest.YamlWriter;
import dev.minato.spec.App;
import dev.minato.spec.AppSpec;
import dev.minato.spec.OneOffJob;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A one-off job of an app (a database migration), rendered as a Job. Kubernetes refuses any change
 * to a Job's pod template, so the name ends in a hash of the Job's spec: a changed job (a new image
 * tag, new arguments) is a new Job that runs once, an unchanged one is the same object and is not
 * run again. {@code ttlSecondsAfterFinished} lets Kubernetes remove it once it has finished.
 */
final class OneOffJobRenderer {

  private static final int HASH_DIGITS = 8;
  private static final Pattern HASHED_NAME = Pattern.compile(".+-[0-9a-f]{" + HASH_DIGITS + "}");

  private OneOffJobRenderer() {}

  static ObjectNode render(App app, AppSpec spec, OneOffJob job, Optional<ConfigFiles> config) {
    Map<String, String> labels = Labels.workload(app, Components.JOB, job.migration());
    labels.put(Labels.JOB, job.name());
    ObjectNode body = Trees.object();
    body.put("backoffLimit", job.retries());
    job.timeoutSeconds().ifPresent(t -> body.put("activeDeadlineSeconds", t));
    job.ttlSeconds().ifPresent(ttl -> body.put("ttlSecondsAfterFinished", ttl));
    body.set(
        "template",
        JobPodTemplate.render(
            app, spec, labels, job.name(), job.command(), job.args(), job.resources(), config));
    ObjectNode object =
        Trees.header(
            "batch/v1",
            "Job",
            app.name() + "-" + job.name() + "-" + hash(body),
            labels,
            PodTemplates.relaxations(spec.security()));
    object.set("spec", body);
    return object;
  }

  /**
   * A one-off Job named for its spec as it is now. A patch that changed the spec after rendering
   * changed the template Kubernetes will not update, so the Job gets the name of a new Job; any
   * other object, or an unchanged Job, is returned as it is.
   */
  static ObjectNode renamedForItsSpec(ObjectNode object) {
    String name = object.at("/metadata/name").asText();
    if (!object.path("kind").asText().equals("Job")
        || !object.at("/metadata/labels").has(Labels.JOB)
        || !HASHED_NAME.matcher(name).matches()
        || !object.path("spec").isObject()) {
      return object;
    }
    String renamed = name.substring(0, name.length() - HASH_DIGITS) + hash(object.path("spec"));
    if (renamed.equals(name)) {
      return object;
    }
    ObjectNode copy = object.deepCopy();
    ((ObjectNode) copy.get("metadata")).put("name", renamed);
    return copy;
  }

  private static String hash(JsonNode spec) {
    return ContentHash.of(HASH_DIGITS, List.of(YamlWriter.write(spec)));
  }
}
