package dev.minato.render.layout;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.minato.manifest.YamlWriter;
import dev.minato.render.rules.AppRules;
import dev.minato.render.rules.RuleTests;
import dev.minato.spec.App;
import dev.minato.spec.Environment;
import dev.minato.spec.PlatformMonitoring;
import java.time.Duration;
import java.util.List;
import java.util.SortedMap;

/**
 * The files {@code generate --emit-rule-tests} writes, for {@code promtool test rules} in a team's
 * CI: {@code <app>/<env>/rules.yaml}, the app's rules as a plain rule file, and beside it {@code
 * rules.test.yaml}, their unit tests. Apps without testable alerts get nothing.
 */
public final class RuleTestLayout {

  /** The rule file's name; the test file names it relative to itself. */
  public static final String RULES = "rules.yaml";

  /** Test files end so: {@code promtool test rules DIR/*\/*\/*.test.yaml}. */
  public static final String TESTS = ".test.yaml";

  private RuleTestLayout() {}

  /** The rules and tests on a platform without a runbook default. */
  public static GeneratedFiles write(List<App> apps) {
    return write(apps, PlatformMonitoring.defaults());
  }

  /** The rules as {@code generate} renders them on this platform, and their tests. */
  public static GeneratedFiles write(List<App> apps, PlatformMonitoring platform) {
    GeneratedFiles files = new GeneratedFiles();
    for (App app : apps) {
      for (Environment environment : app.environments()) {
        ArrayNode groups = AppRules.groups(app, environment.spec(), platform);
        String dir = app.name() + "/" + environment.name() + "/";
        SortedMap<Duration, ObjectNode> tests =
            RuleTests.of(app, environment.spec(), groups, RULES);
        if (!tests.isEmpty()) {
          files.add(dir + RULES, AppRules.ruleFile(groups));
          tests.forEach(
              (interval, test) ->
                  files.add(
                      dir + "rules." + RuleTests.minutes(interval) + TESTS,
                      YamlWriter.write(test)));
        }
      }
    }
    return files;
  }
}
