package dev.minato.spec.read;

import com.fasterxml.jackson.databind.JsonNode;
import dev.minato.manifest.migration.MigrationPolicy;
import dev.minato.spec.OneOffJob;
import dev.minato.spec.Resources;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Binds a {@code jobs[]} entry without a {@code schedule}: a job that runs once for each version of
 * its template, such as a database migration. It takes the fields a scheduled job has, less the
 * schedule's own, plus {@code ttlSeconds}.
 */
final class OneOffJobBinder {

  /**
   * The Job is named {@code <app>-<job>-<8 hex digits>}, and Kubernetes copies a Job's name into
   * its pods' {@code job-name} label, whose values end at 63 characters.
   */
  static final int MAX_NAME = 63 - 9;

  private static final List<String> SCHEDULE_ONLY = List.of("timeZone", "concurrency", "suspend");

  private static final int MAX_TTL = 30 * 24 * 3600;

  private OneOffJobBinder() {}

  static Optional<OneOffJob> bind(
      Section job, SpecBinder binder, String appName, Optional<Resources> appResources) {
    Optional<String> name = job.requiredString("name", "migrate");
    name.ifPresent(
        n -> {
          String problem = Names.dnsLabelProblem(n, Math.max(1, MAX_NAME - appName.length() - 1));
          if (!problem.isEmpty()) {
            job.error(
                "name",
                problem
                    + " (the Job is named "
                    + appName
                    + "-<name>-<hash>, and <app>-<name> is at most "
                    + MAX_NAME
                    + ")");
          }
        });
    for (String field : SCHEDULE_ONLY) {
      if (job.has(field)) {
        job.error(field, field + " applies to a scheduled job; this job has no schedule");
      }
    }
    List<String> command = job.stringList("command");
    List<String> args = job.stringList("args");
    MigrationPolicy migration =
        job.choice(
                "migration",
                SpecBinder.spellings(MigrationPolicy.values(), MigrationPolicy::spelling))
            .orElse(MigrationPolicy.DOWNTIME_OK);
    int retries = job.integer("retries", 0, 10).orElse(0);
    OptionalInt timeout = job.integer("timeoutSeconds", 1, 7 * 24 * 3600);
    OptionalInt ttl = ttl(job);
    Optional<Resources> resources =
        appResources.isPresent() || job.has("resources")
            ? binder.resources(job, "resources", appResources)
            : Optional.empty();
    job.finish();
    if (name.isEmpty() || resources.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        new OneOffJob(
            name.get(), command, args, migration, retries, timeout, ttl, resources.get()));
  }

  /** Seconds, or {@code none}: keep the finished Job, so that no re-apply runs it again. */
  private static OptionalInt ttl(Section job) {
    Optional<JsonNode> raw = job.raw("ttlSeconds");
    if (raw.isPresent() && raw.get().isTextual() && raw.get().asText().equals("none")) {
      return OptionalInt.empty();
    }
    if (raw.isPresent() && !raw.get().isIntegralNumber()) {
      job.error(
          "ttlSeconds",
          "expected a whole number of seconds or none, found " + Section.describe(raw.get()));
      return OptionalInt.of(OneOffJob.DEFAULT_TTL_SECONDS);
    }
    OptionalInt ttl = job.integer("ttlSeconds", 0, MAX_TTL);
    return ttl.isPresent() ? ttl : OptionalInt.of(OneOffJob.DEFAULT_TTL_SECONDS);
  }
}
