package dev.minato.render.objects;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.minato.manifest.YamlWriter;
import dev.minato.spec.App;
import dev.minato.spec.AppSpec;
import dev.minato.spec.OneOffJob;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A one-off job of an app (a database migration), rendered as a Job. Kubernetes refuses any change
 * to a Job's pod template, so the name ends in a hash of the Job's spec: a changed job (a new image
 * tag, new arguments) is a new Job that runs once, an unchanged one is the same object and is not
 * run again. {@code ttlSecondsAfterFinished} lets Kubernetes remove it once it has finished.
 */
final class OneOffJobRenderer {

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
            app.name()
                + "-"
                + job.name()
                + "-"
                + ContentHash.of(8, List.of(YamlWriter.write(body))),
            labels,
            PodTemplates.relaxations(spec.security()));
    object.set("spec", body);
    return object;
  }
}
