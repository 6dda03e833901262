package dev.minato.render.objects;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.minato.spec.App;
import dev.minato.spec.AppSpec;
import dev.minato.spec.ScheduledJob;
import java.util.Map;
import java.util.Optional;

/**
 * A scheduled job of an app. Retries and overlap both mean a job may run twice, so both are off
 * unless the spec asks; {@code startingDeadlineSeconds} stops a run missed during an outage from
 * firing hours late.
 */
final class CronJobRenderer {

  static final int STARTING_DEADLINE_SECONDS = 300;

  private CronJobRenderer() {}

  static String name(App app, ScheduledJob job) {
    return app.name() + "-" + job.name();
  }

  static ObjectNode render(App app, AppSpec spec, ScheduledJob job, Optional<ConfigFiles> config) {
    Map<String, String> labels = Labels.workload(app, Components.JOB, job.migration());
    labels.put(Labels.JOB, job.name());
    ObjectNode cronJob =
        Trees.header(
            "batch/v1",
            "CronJob",
            name(app, job),
            labels,
            PodTemplates.relaxations(spec.security()));
    ObjectNode body = cronJob.putObject("spec");
    body.put("schedule", job.schedule());
    job.timeZone().ifPresent(tz -> body.put("timeZone", tz));
    body.put("concurrencyPolicy", job.concurrency().spelling());
    body.put("startingDeadlineSeconds", STARTING_DEADLINE_SECONDS);
    body.put("successfulJobsHistoryLimit", 3);
    body.put("failedJobsHistoryLimit", 3);
    body.put("suspend", job.suspend());
    ObjectNode jobSpec = body.putObject("jobTemplate").putObject("spec");
    jobSpec.put("backoffLimit", job.retries());
    job.timeoutSeconds().ifPresent(t -> jobSpec.put("activeDeadlineSeconds", t));
    jobSpec.set(
        "template",
        JobPodTemplate.render(
            app, spec, labels, job.name(), job.command(), job.args(), job.resources(), config));
    return cronJob;
  }
}
