package dev.minato.render.rules;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.minato.manifest.YamlWriter;
import dev.minato.render.Examples;
import dev.minato.render.layout.RuleTestLayout;
import dev.minato.spec.App;
import dev.minato.spec.AppSpec;
import dev.minato.spec.Environment;
import dev.minato.spec.Slo;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The generated rules of every example (and golden field fixture) as Prometheus reads them: {@code
 * promtool check rules} accepts them, their generated unit tests pass {@code promtool test rules},
 * and each burn-rate tier fires when the closed form says.
 */
class PromtoolRulesTest {

  @Test
  void everyExamplesRulesPassPromtoolCheckRules(@TempDir Path dir) throws Exception {
    List<String> files = new ArrayList<>();
    for (App app : everyApp()) {
      for (Environment environment : app.environments()) {
        ArrayNode groups = AppRules.groups(app, environment.spec());
        if (!groups.isEmpty()) {
          String name = app.name() + "-" + environment.name() + ".yaml";
          Files.writeString(dir.resolve(name), AppRules.ruleFile(groups));
          files.add(name);
        }
      }
    }
    assertThat(files).as("examples with rules").hasSizeGreaterThanOrEqualTo(3);
    List<String> args = new ArrayList<>(List.of("check", "rules"));
    args.addAll(files);
    assertThat(Promtool.run(dir, args.toArray(String[]::new))).doesNotContain("FAILED");
  }

  @Test
  void everyExamplesGeneratedRuleTestsPassPromtoolTestRules(@TempDir Path dir) throws Exception {
    Map<String, String> files = RuleTestLayout.write(everyApp()).files();
    // Environments whose rules and tests are the same are tested once.
    Map<String, Map<String, String>> byDirectory = new TreeMap<>();
    files.forEach(
        (path, content) -> {
          int slash = path.lastIndexOf('/');
          byDirectory
              .computeIfAbsent(path.substring(0, slash), d -> new TreeMap<>())
              .put(path.substring(slash + 1), content);
        });
    Map<Map<String, String>, String> unique = new LinkedHashMap<>();
    byDirectory.forEach((directory, content) -> unique.putIfAbsent(content, directory));
    assertThat(unique.values()).anyMatch(d -> d.startsWith("shop-api/"));
    for (Map.Entry<Map<String, String>, String> entry : unique.entrySet()) {
      Path target = dir.resolve(entry.getValue());
      Files.createDirectories(target);
      List<String> args = new ArrayList<>(List.of("test", "rules"));
      for (Map.Entry<String, String> file : entry.getKey().entrySet()) {
        Files.writeString(target.resolve(file.getKey()), file.getValue());
        if (file.getKey().endsWith(RuleTestLayout.TESTS)) {
          args.add(file.getKey());
        }
      }
      assertThat(Promtool.run(target, args.toArray(String[]::new)))
          .contains("SUCCESS")
          .doesNotContain("FAILED");
    }
  }

  /**
   * For shop-api's availability SLO, with errors at three times each tier's threshold (not the
   * generator's choice), the tier fires one evaluation after, and is silent one evaluation before,
   * t = long window × burn rate × (1 − objective) ÷ error ratio after the errors start: the long
   * window's error ratio grows as error ratio × t ÷ window and must pass burn rate × budget.
   */
  @Test
  void eachTierFiresAtTheClosedFormTimeWithinOneEvaluationInterval(@TempDir Path dir)
      throws Exception {
    App app =
        Examples.load().stream().filter(a -> a.name().equals("shop-api")).findFirst().orElseThrow();
    AppSpec spec = app.environments().get(app.environments().size() - 1).spec();
    Slo slo =
        spec.slos().stream().filter(s -> s.name().equals("availability")).findFirst().orElseThrow();
    ArrayNode groups = AppRules.groups(app, spec);
    Files.writeString(dir.resolve("rules.yaml"), AppRules.ruleFile(groups));
    List<String> args = new ArrayList<>(List.of("test", "rules"));
    for (BurnRateTier tier : BurnRateTier.values()) {
      double budget = 1 - slo.objectivePercent().doubleValue() / 100;
      // whole requests of 1024 per sample, so promtool's float sums stay exact
      double errorRatio =
          Math.min(1024, Math.ceil(3 * tier.burnRate().doubleValue() * budget * 1024)) / 1024;
      double seconds =
          tier.longDuration().toSeconds() * tier.burnRate().doubleValue() * budget / errorRatio;
      Duration onset = tier.longDuration();
      Duration firesAt = onset.plusMillis(Math.round(seconds * 1000));
      Duration interval = tier.testInterval();
      SloScenario scenario =
          new SloScenario(
              slo,
              onset,
              interval,
              BigDecimal.valueOf(1024),
              new BigDecimal(Double.toString(errorRatio)),
              firesAt.plus(interval.multipliedBy(2)).dividedBy(interval));
      JsonNode rule = alert(groups, SloRules.alertName(app, slo, tier));

      ObjectNode file = JsonNodeFactory.instance.objectNode();
      file.putArray("rule_files").add("rules.yaml");
      file.put("evaluation_interval", RuleTests.minutes(interval));
      ObjectNode test =
          file.putArray("tests").addObject().put("interval", RuleTests.minutes(interval));
      ArrayNode series = test.putArray("input_series");
      scenario
          .series()
          .orElseThrow()
          .forEach(s -> series.addObject().put("series", s.selector()).put("values", s.values()));
      ArrayNode checks = test.putArray("alert_rule_test");
      checks
          .addObject()
          .put("eval_time", RuleTests.minutes(firesAt.minus(interval)))
          .put("alertname", rule.get("alert").asText())
          .putArray("exp_alerts");
      ObjectNode firing =
          checks
              .addObject()
              .put("eval_time", RuleTests.minutes(firesAt.plus(interval)))
              .put("alertname", rule.get("alert").asText())
              .putArray("exp_alerts")
              .addObject();
      firing.set("exp_labels", rule.get("labels"));
      firing.set("exp_annotations", rule.get("annotations"));
      String name = "closed-form-" + tier.longWindow() + ".test.yaml";
      Files.writeString(dir.resolve(name), YamlWriter.write(file));
      args.add(name);
    }
    assertThat(Promtool.run(dir, args.toArray(String[]::new))).doesNotContain("FAILED");
  }

  /**
   * shop-api's threshold alerts (spec.alerts) have tests that pass against the rules as rendered
   * and fail against the same rules with each threshold ten times higher: they test the thresholds.
   */
  @Test
  void thresholdAlertTestsPassAndCatchAChangedThreshold(@TempDir Path dir) throws Exception {
    App app =
        Examples.load().stream().filter(a -> a.name().equals("shop-api")).findFirst().orElseThrow();
    AppSpec spec = app.environments().get(0).spec();
    ArrayNode groups = AppRules.groups(app, spec);
    ObjectNode tests = RuleTests.of(app, spec, groups, "rules.yaml").get(RuleTests.INTERVAL);
    List<String> names = new ArrayList<>();
    tests.get("tests").forEach(t -> names.add(t.get("name").asText()));
    assertThat(names)
        .anyMatch(n -> n.startsWith("ShopApiHighErrorRate: ") && n.endsWith("it fires after 5m"))
        .anyMatch(n -> n.startsWith("ShopApiHighErrorRate: ") && n.endsWith("stays silent"))
        .anyMatch(n -> n.startsWith("ShopApiHighLatencyP99: every request takes between"))
        .anyMatch(n -> n.startsWith("ShopApiHighLatencyP99: every request takes at most"));
    Files.writeString(dir.resolve("threshold.test.yaml"), YamlWriter.write(tests));

    Files.writeString(dir.resolve("rules.yaml"), AppRules.ruleFile(groups));
    assertThat(Promtool.run(dir, "test", "rules", "threshold.test.yaml"))
        .contains("SUCCESS")
        .doesNotContain("FAILED");

    ArrayNode raised = groups.deepCopy();
    for (JsonNode group : raised) {
      for (JsonNode rule : group.get("rules")) {
        String expr = rule.path("expr").asText();
        int gt = expr.lastIndexOf(" > ");
        if (rule.path("alert").asText().startsWith("ShopApiHigh") && gt > 0) {
          BigDecimal threshold = new BigDecimal(expr.substring(gt + 3));
          ((ObjectNode) rule)
              .put("expr", expr.substring(0, gt + 3) + threshold.multiply(BigDecimal.TEN));
        }
      }
    }
    Files.writeString(dir.resolve("rules.yaml"), AppRules.ruleFile(raised));
    Promtool.Outcome failed = Promtool.attempt(dir, "test", "rules", "threshold.test.yaml");
    assertThat(failed.exitCode()).isNotZero();
    assertThat(failed.text()).contains("FAILED").contains("ShopApiHighErrorRate");
  }

  /** The examples and the golden field fixtures (a worker, the nginx convention, a job). */
  private static List<App> everyApp() throws Exception {
    List<App> apps = new ArrayList<>(Examples.load());
    apps.addAll(Examples.fieldFixtures());
    return apps;
  }

  private static JsonNode alert(ArrayNode groups, String name) {
    for (JsonNode group : groups) {
      for (JsonNode rule : group.get("rules")) {
        if (rule.path("alert").asText().equals(name)) {
          return rule;
        }
      }
    }
    throw new AssertionError("no alert " + name);
  }
}
