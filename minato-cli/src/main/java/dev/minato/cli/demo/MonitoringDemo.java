package dev.minato.cli.demo;

import com.fasterxml.jackson.databind.JsonNode;
import dev.minato.render.rules.AppRules;
import dev.minato.render.rules.BurnRateTier;
import dev.minato.render.rules.SloRules;
import dev.minato.spec.App;
import dev.minato.spec.Environment;
import dev.minato.spec.Slo;
import dev.minato.spec.SloIndicator;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The demo's monitoring step: the SLOs of one app and every alert generated for it, with how soon
 * each burn-rate tier fires when every request fails (long window × burn rate × budget).
 */
final class MonitoringDemo {

  private MonitoringDemo() {}

  static void print(PrintWriter out, List<App> apps) {
    // The app with the most SLOs shows the most kinds of alert.
    Optional<App> withSlos =
        apps.stream()
            .filter(a -> !a.spec().slos().isEmpty())
            .max(java.util.Comparator.comparingInt(a -> a.spec().slos().size()));
    if (withSlos.isEmpty()) {
      return;
    }
    App app = withSlos.get();
    Environment environment = app.environments().get(app.environments().size() - 1);
    DemoSteps.step(out, "3b. The SLOs and alerts of " + app.name() + " in " + environment.name());
    for (Slo slo : environment.spec().slos()) {
      out.printf(
          "SLO %-14s %s %% over %s, %s%n",
          slo.name(),
          slo.objectivePercent().stripTrailingZeros().toPlainString(),
          slo.windowSpelling(),
          indicator(slo));
    }
    for (JsonNode group : AppRules.groups(app, environment.spec())) {
      for (JsonNode rule : group.get("rules")) {
        if (rule.has("alert")) {
          out.printf(
              "  %-7s %-44s %s%n",
              rule.path("labels").path("severity").asText(),
              rule.get("alert").asText(),
              outage(app, environment, rule.get("alert").asText())
                  .orElse(rule.path("annotations").path("summary").asText()));
        }
      }
    }
    out.println(
        "Rules test themselves: minato generate --emit-rule-tests DIR, then promtool test rules"
            + " DIR/*/*/*.test.yaml");
  }

  private static String indicator(Slo slo) {
    if (slo.indicator() instanceof SloIndicator.Latency l) {
      return "requests within " + l.thresholdSeconds().toPlainString() + "s";
    }
    if (slo.indicator() instanceof SloIndicator.Requests) {
      return "requests without a 5xx status";
    }
    return "good / total events";
  }

  /** For a burn-rate alert: when it fires in a total outage. */
  private static Optional<String> outage(App app, Environment environment, String alert) {
    for (Slo slo : environment.spec().slos()) {
      for (BurnRateTier tier : SloRules.tiers(slo)) {
        if (SloRules.alertName(app, slo, tier).equals(alert)) {
          BigDecimal seconds =
              BigDecimal.valueOf(tier.longDuration().toSeconds())
                  .multiply(tier.burnRate())
                  .multiply(slo.budgetRatio());
          Duration after = Duration.ofSeconds(seconds.longValue());
          return Optional.of(
              tier.longWindow()
                  + " & "
                  + tier.shortWindow()
                  + " above "
                  + tier.burnRate().toPlainString()
                  + "x budget; in a total outage it fires after "
                  + spelled(after.plus(Duration.ofSeconds(1))));
        }
      }
    }
    return Optional.empty();
  }

  private static String spelled(Duration d) {
    long minutes = d.toMinutes();
    return minutes >= 60
        ? minutes / 60 + "h" + (minutes % 60 > 0 ? minutes % 60 + "m" : "")
        : minutes > 0
            ? minutes + "m" + (d.toSecondsPart() > 0 ? d.toSecondsPart() + "s" : "")
            : d.toSeconds() + "s";
  }
}
