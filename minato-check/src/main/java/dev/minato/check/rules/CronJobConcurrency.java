package dev.minato.check.rules;

import dev.minato.check.RuleContext;
import dev.minato.check.RuleInfo;
import dev.minato.check.Severity;
import dev.minato.check.inventory.Workload;
import dev.minato.manifest.KubeObject;
import dev.minato.manifest.migration.MigrationPolicy;

/**
 * A CronJob that must not run twice ({@code downtime-ok}) forbids overlapping runs: with the
 * default {@code Allow}, a slow run and the next schedule run side by side.
 */
final class CronJobConcurrency extends WorkloadRule {

  static final RuleInfo INFO =
      RuleInfo.everywhere(
          "cronjob-concurrency",
          Severity.ERROR,
          "CronJobs with migration policy downtime-ok use concurrencyPolicy Forbid");

  @Override
  public RuleInfo info() {
    return INFO;
  }

  @Override
  public boolean appliesTo(KubeObject object) {
    return object.kind().equals("CronJob");
  }

  @Override
  void check(Workload workload, RuleContext context) {
    boolean downtimeOk =
        MigrationPolicy.of(workload.object().tree())
            .policy()
            .filter(p -> p == MigrationPolicy.DOWNTIME_OK)
            .isPresent();
    if (!downtimeOk) {
      return;
    }
    KubeObject cronJob = workload.object();
    String policy = cronJob.at("/spec/concurrencyPolicy").asText("");
    if (!policy.equals("Forbid")) {
      context.report(
          cronJob,
          policy.isEmpty() ? "/spec" : "/spec/concurrencyPolicy",
          cronJob.key()
              + " is downtime-ok (must never run twice) but concurrencyPolicy is "
              + (policy.isEmpty() ? "Allow (the default)" : policy)
              + "; a slow run overlaps the next one: set concurrencyPolicy: Forbid");
    }
  }
}
