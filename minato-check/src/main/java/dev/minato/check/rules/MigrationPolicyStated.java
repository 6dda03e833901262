package dev.minato.check.rules;

import dev.minato.check.RuleContext;
import dev.minato.check.RuleInfo;
import dev.minato.check.Severity;
import dev.minato.check.inventory.Workload;
import dev.minato.manifest.migration.MigrationPolicy;
import dev.minato.manifest.migration.PolicyReading;

/**
 * Every workload says what may happen to it when it moves to another cluster: {@code duplicate-ok}
 * (two copies may run for a while) or {@code downtime-ok} (it must stop before the copy starts).
 * Without it, a migration has to guess which jobs may run twice. Where it may be written is {@link
 * MigrationPolicy}'s to say, so this rule and migration agree.
 */
final class MigrationPolicyStated extends WorkloadRule {

  static final RuleInfo INFO =
      RuleInfo.portable(
          "migration-policy",
          Severity.WARNING,
          "workloads carry minato.dev/migration-policy: duplicate-ok or downtime-ok");

  @Override
  public RuleInfo info() {
    return INFO;
  }

  @Override
  void check(Workload workload, RuleContext context) {
    PolicyReading reading = MigrationPolicy.of(workload.object().tree());
    if (reading instanceof PolicyReading.Absent) {
      context.report(
          workload.object(),
          "/metadata",
          workload.object().key()
              + " has no "
              + MigrationPolicy.KEY
              + " label; say whether two copies may run during a cluster move (duplicate-ok) or"
              + " it must stop first (downtime-ok)");
    } else if (reading instanceof PolicyReading.Invalid invalid) {
      context.report(
          workload.object(), invalid.pointer(), workload.object().key() + ": " + invalid.message());
    }
  }
}
