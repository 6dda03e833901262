package dev.minato.render.rules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.minato.spec.App;
import dev.minato.spec.AppSpec;
import dev.minato.spec.Slo;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * {@code promtool test rules} files for an app's alerts: for every burn-rate tier, traffic that
 * makes it fire one evaluation after the closed-form time ({@link SloScenario}) and not one
 * evaluation before; under the low-traffic guard, a total outage that never pages; for every
 * platform alert, its series silent before and firing after its expected time; for each threshold
 * alert of {@code spec.alerts}, traffic past it firing after its hold and traffic below it silent
 * ({@link ThresholdTests}). An SLO of PromQL expressions gets none: no series can be made up for
 * arbitrary expressions.
 */
public final class RuleTests {

  /**
   * The evaluation interval of the platform alerts' and page tiers' tests; slower tiers use coarser
   * ones ({@link BurnRateTier#testInterval}). Each is the tolerance of the times its tests expect.
   */
  public static final Duration INTERVAL = Duration.ofMinutes(1);

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private RuleTests() {}

  /**
   * The test files for these groups (in {@code rulesFile}) by evaluation interval (promtool has one
   * per file), empty when nothing can be tested.
   */
  public static SortedMap<Duration, ObjectNode> of(
      App app, AppSpec spec, ArrayNode groups, String rulesFile) {
    Map<String, JsonNode> alerts = alerts(groups);
    SortedMap<Duration, ArrayNode> byInterval = new TreeMap<>();
    for (Slo slo : spec.slos()) {
      if (!SloScenario.testable(slo)) {
        continue;
      }
      for (BurnRateTier tier : SloRules.tiers(slo)) {
        JsonNode alert = alerts.get(SloRules.alertName(app, slo, tier));
        ArrayNode tests = byInterval.computeIfAbsent(tier.testInterval(), i -> NODES.arrayNode());
        tierTest(tests, slo, tier, alert);
        if (tier.page() && slo.alerting().minRequests() > 0) {
          guardTest(tests, slo, tier, alert);
        }
      }
    }
    if (spec.serves() && spec.alerts().isPresent()) {
      ArrayNode tests = byInterval.computeIfAbsent(INTERVAL, i -> NODES.arrayNode());
      ThresholdTests.add(tests, SloRules.camel(app.name()), spec.alerts().get(), alerts);
      if (tests.isEmpty()) {
        byInterval.remove(INTERVAL);
      }
    }
    if (!spec.slos().isEmpty()) {
      for (PlatformAlert platform : PlatformAlerts.of(app, spec)) {
        ArrayNode tests = byInterval.computeIfAbsent(INTERVAL, i -> NODES.arrayNode());
        JsonNode alert = alerts.get(platform.name());
        ObjectNode test =
            test(tests, platform.name() + " fires at " + minutes(platform.firesAt()), INTERVAL);
        platform.series().forEach(s -> series(test, s));
        expect(test, platform.name(), platform.firesAt().minus(INTERVAL), Optional.empty());
        expect(test, platform.name(), platform.firesAt().plus(INTERVAL), Optional.of(alert));
      }
    }
    SortedMap<Duration, ObjectNode> files = new TreeMap<>();
    byInterval.forEach(
        (interval, tests) -> {
          ObjectNode file = NODES.objectNode();
          file.putArray("rule_files").add(rulesFile);
          file.put("evaluation_interval", minutes(interval));
          file.set("tests", tests);
          files.put(interval, file);
        });
    return files;
  }

  /**
   * The scenario a tier's test uses: enough traffic to pass the guard, errors at twice the tier's
   * threshold (rounded up to whole requests, at most all of them), starting once the long window is
   * full of good traffic.
   */
  public static SloScenario scenario(Slo slo, BurnRateTier tier) {
    BigDecimal threshold = tier.burnRate().multiply(slo.budgetRatio());
    Duration interval = tier.testInterval();
    // Whole requests per sample, good and bad: promtool adds up a series' steps in floating point,
    // and a fraction would end one segment off the next one's start, which reads as a reset.
    BigDecimal traffic = BigDecimal.valueOf(1024);
    while (traffic.compareTo(BigDecimal.valueOf(slo.alerting().minRequests())) < 0) {
      traffic = traffic.multiply(BigDecimal.valueOf(2));
    }
    BigDecimal errors =
        threshold
            .multiply(BigDecimal.valueOf(2))
            .multiply(traffic)
            .setScale(0, java.math.RoundingMode.CEILING)
            .min(traffic)
            .divide(traffic);
    SloScenario draft = new SloScenario(slo, tier.longDuration(), interval, traffic, errors, 0);
    long samples = draft.firesAt(tier).plus(interval.multipliedBy(2)).dividedBy(interval);
    return new SloScenario(slo, tier.longDuration(), interval, traffic, errors, samples);
  }

  private static void tierTest(ArrayNode tests, Slo slo, BurnRateTier tier, JsonNode alert) {
    SloScenario scenario = scenario(slo, tier);
    String name = alert.get("alert").asText();
    boolean reachable =
        scenario.errorRatio().compareTo(BigDecimal.ONE) < 0
            || tier.burnRate().multiply(slo.budgetRatio()).compareTo(BigDecimal.ONE) < 0;
    if (!reachable) {
      // B × budget ≥ 1: no error ratio exceeds it, so the tier can never fire.
      return;
    }
    Duration firesAt = scenario.firesAt(tier);
    ObjectNode test =
        test(
            tests,
            name
                + ": "
                + percent(scenario.errorRatio())
                + " errors from "
                + minutes(scenario.onset())
                + " fire it after "
                + minutes(firesAt.minus(scenario.onset()))
                + " ("
                + tier.longWindow()
                + " x "
                + tier.burnRate().toPlainString()
                + " x "
                + slo.budgetRatio().toPlainString()
                + " / "
                + scenario.errorRatio().toPlainString()
                + ")",
            scenario.interval());
    scenario.series().orElseThrow().forEach(s -> series(test, s));
    expect(test, name, firesAt.minus(scenario.interval()), Optional.empty());
    expect(test, name, firesAt.plus(scenario.interval()), Optional.of(alert));
  }

  private static Duration max(Duration a, Duration b) {
    return a.compareTo(b) >= 0 ? a : b;
  }

  /**
   * Every request fails, but too few arrive in the short window to page: silent once the short
   * window is full, and still when the long window's ratio is past the threshold too.
   */
  private static void guardTest(ArrayNode tests, Slo slo, BurnRateTier tier, JsonNode alert) {
    Duration interval = tier.testInterval();
    long shortSamples = tier.shortDuration().dividedBy(interval);
    // A power of two at most half the guard per short window: exact in floating point.
    double most = slo.alerting().minRequests() / (2.0 * shortSamples);
    BigDecimal traffic = new BigDecimal(Math.scalb(1.0, Math.getExponent(most)));
    Duration onset = tier.longDuration();
    SloScenario draft = new SloScenario(slo, onset, interval, traffic, BigDecimal.ONE, 0);
    // Both windows are above the threshold by then: without the guard the alert would fire.
    Duration end =
        max(draft.firesAt(tier), onset.plus(tier.shortDuration())).plus(interval.multipliedBy(2));
    SloScenario quiet =
        new SloScenario(slo, onset, interval, traffic, BigDecimal.ONE, end.dividedBy(interval));
    String name = alert.get("alert").asText();
    ObjectNode test =
        test(
            tests,
            name
                + " stays silent under the guard: every request fails, but fewer than "
                + slo.alerting().minRequests()
                + " arrive in "
                + tier.shortWindow(),
            interval);
    quiet.series().orElseThrow().forEach(s -> series(test, s));
    expect(test, name, onset.plus(tier.shortDuration()), Optional.empty());
    expect(test, name, end, Optional.empty());
  }

  static ObjectNode test(ArrayNode tests, String name, Duration interval) {
    ObjectNode test = tests.addObject().put("name", name).put("interval", minutes(interval));
    test.putArray("input_series");
    test.putArray("alert_rule_test");
    return test;
  }

  static void series(ObjectNode test, PlatformAlert.Series series) {
    ((ArrayNode) test.get("input_series"))
        .addObject()
        .put("series", series.selector())
        .put("values", series.values());
  }

  /**
   * An expectation: the alert is silent at {@code at}, or fires with its labels and annotations.
   */
  static void expect(ObjectNode test, String name, Duration at, Optional<JsonNode> alert) {
    ObjectNode check =
        ((ArrayNode) test.get("alert_rule_test"))
            .addObject()
            .put("eval_time", minutes(at))
            .put("alertname", name);
    ArrayNode expected = check.putArray("exp_alerts");
    alert.ifPresent(
        rule -> {
          ObjectNode one = expected.addObject();
          ObjectNode labels = ((ObjectNode) rule.get("labels")).deepCopy();
          if (rule.get("expr").asText().contains("by (namespace)")) {
            labels.put("namespace", "test");
          }
          one.set("exp_labels", labels);
          one.set("exp_annotations", rule.get("annotations").deepCopy());
        });
  }

  private static Map<String, JsonNode> alerts(ArrayNode groups) {
    Map<String, JsonNode> alerts = new HashMap<>();
    for (JsonNode group : groups) {
      for (JsonNode rule : group.get("rules")) {
        if (rule.has("alert")) {
          alerts.put(rule.get("alert").asText(), rule);
        }
      }
    }
    return alerts;
  }

  /** A duration as promtool reads it, in whole seconds: {@code 90m}, {@code 5430s}. */
  public static String minutes(Duration d) {
    long seconds = d.toSeconds();
    return seconds % 60 == 0 ? seconds / 60 + "m" : seconds + "s";
  }

  private static String percent(BigDecimal ratio) {
    return ratio.movePointRight(2).stripTrailingZeros().toPlainString() + " %";
  }
}
