package dev.minato.check;

import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * What a check found: the findings in source order, the ones suppressed by annotations, the rules
 * that ran (with their effective severity), and which rules applied to which object.
 */
public record CheckResult(
    List<Finding> findings,
    List<SuppressedFinding> suppressed,
    List<RuleInfo> rules,
    List<CheckedObject> objects) {

  public CheckResult {
    findings = List.copyOf(findings);
    suppressed = List.copyOf(suppressed);
    rules = List.copyOf(rules);
    objects = List.copyOf(objects);
  }

  public long count(Severity severity) {
    return findings.stream().filter(f -> f.severity() == severity).count();
  }

  /** True when some finding is at least as severe as {@code threshold}. */
  public boolean reaches(Severity threshold) {
    return findings.stream().anyMatch(f -> f.severity().atLeast(threshold));
  }

  public Optional<RuleInfo> rule(String id) {
    return rules.stream().filter(rule -> rule.id().equals(id)).findFirst();
  }

  /** The same result without the findings {@code drop} matches (a baseline, say). */
  public CheckResult without(Predicate<Finding> drop) {
    return new CheckResult(
        findings.stream().filter(drop.negate()).toList(), suppressed, rules, objects);
  }
}
