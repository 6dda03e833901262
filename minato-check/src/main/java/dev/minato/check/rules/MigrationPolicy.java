package dev.minato.check.rules;

import dev.minato.check.RuleContext;
import dev.minato.check.RuleInfo;
import dev.minato.check.Severity;
import dev.minato.check.inventory.Workload;
import java.util.Optional;

/**
 * Every workload says what may happen to it when it moves to another cluster: {@code duplicate-ok}
 * (two copies may run for a while) or {@code downtime-ok} (it must stop before the copy starts).
 * Without it, a migration has to guess which jobs may run twice.
 */
final class MigrationPolicy extends WorkloadRule {

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
    Optional<MigrationPolicies.Found> policy = MigrationPolicies.of(workload);
    if (policy.isEmpty()) {
      context.report(
          workload.object(),
          "/metadata",
          workload.object().key()
              + " has no "
              + MigrationPolicies.KEY
              + " label; say whether two copies may run during a cluster move (duplicate-ok) or"
              + " it must stop first (downtime-ok)");
    } else if (!MigrationPolicies.VALUES.contains(policy.get().value())) {
      context.report(
          workload.object(),
          policy.get().pointer(),
          workload.object().key()
              + " has "
              + MigrationPolicies.KEY
              + " '"
              + policy.get().value()
              + "'; expected duplicate-ok or downtime-ok");
    }
  }
}
