package dev.minato.check;

import dev.minato.check.config.CheckConfig;
import dev.minato.check.inventory.Inventory;
import dev.minato.check.rules.Catalog;
import dev.minato.check.suppression.Suppression;
import dev.minato.check.suppression.SuppressionAnnotation;
import dev.minato.check.suppression.Suppressions;
import dev.minato.manifest.KubeObject;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * Runs the rules of a configuration over a set of objects. The input can come from anywhere (files,
 * stdin, kustomize, a renderer in memory); the result is sorted, so equal input gives equal output.
 *
 * <p>Suppression annotations are applied here: a valid one moves the finding to {@link
 * CheckResult#suppressed()}; an expired one leaves the finding in place and says so in its message.
 */
public final class Checker {

  /** Inputs at least this large are checked on all cores; smaller ones are not worth the setup. */
  private static final int PARALLEL_THRESHOLD = 2_000;

  private final List<Rule> rules;
  private final Clock clock;

  /** A checker with every rule of the catalogue; {@code clock} decides when suppressions expire. */
  public Checker(Clock clock) {
    this(Catalog.rules(), clock);
  }

  public Checker(List<Rule> rules, Clock clock) {
    this.rules = List.copyOf(rules);
    this.clock = clock;
  }

  public CheckResult check(List<KubeObject> objects, CheckConfig config) {
    List<Rule> enabled = new ArrayList<>();
    List<RuleInfo> infos = new ArrayList<>();
    for (Rule rule : rules) {
      RuleInfo info = rule.info();
      if (info.profiles().contains(config.profile())
          && !config.disabledRules().contains(info.id())) {
        enabled.add(rule);
        infos.add(
            info.withSeverity(config.severityOverrides().getOrDefault(info.id(), info.severity())));
      }
    }
    Inventory inventory = Inventory.of(objects);
    LocalDate today = LocalDate.now(clock);
    IntStream indexes = IntStream.range(0, objects.size());
    if (objects.size() >= PARALLEL_THRESHOLD) {
      indexes = indexes.parallel();
    }
    List<ObjectOutcome> outcomes =
        indexes
            .mapToObj(i -> checkOne(objects.get(i), enabled, infos, inventory, config, today))
            .toList();
    List<Finding> findings = new ArrayList<>();
    List<SuppressedFinding> suppressed = new ArrayList<>();
    List<CheckedObject> checked = new ArrayList<>();
    for (ObjectOutcome outcome : outcomes) {
      findings.addAll(outcome.findings());
      suppressed.addAll(outcome.suppressed());
      checked.add(outcome.checked());
    }
    findings.sort(Finding.ORDER);
    suppressed.sort((a, b) -> Finding.ORDER.compare(a.finding(), b.finding()));
    return new CheckResult(findings, suppressed, infos, checked);
  }

  private record ObjectOutcome(
      List<Finding> findings, List<SuppressedFinding> suppressed, CheckedObject checked) {}

  private static ObjectOutcome checkOne(
      KubeObject object,
      List<Rule> enabled,
      List<RuleInfo> infos,
      Inventory inventory,
      CheckConfig config,
      LocalDate today) {
    List<Finding> raw = new ArrayList<>();
    List<String> applied = new ArrayList<>();
    for (int i = 0; i < enabled.size(); i++) {
      Rule rule = enabled.get(i);
      if (rule.appliesTo(object)) {
        applied.add(infos.get(i).id());
        rule.check(object, new RuleContext(inventory, config, infos.get(i), raw));
      }
    }
    CheckedObject checked = new CheckedObject(object, applied);
    if (raw.isEmpty() || !Suppressions.any(object)) {
      return new ObjectOutcome(raw, List.of(), checked);
    }
    Map<String, SuppressionAnnotation.Parsed> byRule = new HashMap<>();
    for (SuppressionAnnotation annotation : Suppressions.on(object)) {
      byRule.putIfAbsent(annotation.ruleId(), annotation.parse());
    }
    List<Finding> kept = new ArrayList<>();
    List<SuppressedFinding> suppressed = new ArrayList<>();
    for (Finding finding : raw) {
      if (byRule.get(finding.ruleId()) instanceof SuppressionAnnotation.Valid valid) {
        Suppression suppression = valid.suppression();
        if (suppression.expiredOn(today)) {
          kept.add(
              finding.withMessage(
                  finding.message()
                      + " (suppression expired on "
                      + suppression.until().orElseThrow()
                      + ": "
                      + suppression.reason()
                      + ")"));
        } else {
          suppressed.add(new SuppressedFinding(finding, suppression));
        }
      } else {
        kept.add(finding);
      }
    }
    return new ObjectOutcome(kept, suppressed, checked);
  }
}
