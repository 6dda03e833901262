package dev.minato.render.rules;

import dev.minato.spec.App;
import dev.minato.spec.AppSpec;
import dev.minato.spec.PlatformMonitoring;
import java.util.Objects;
import java.util.Optional;

/**
 * Where an app's alerts link their runbook. The nearest definition wins: an SLO's own {@code
 * alerting.runbookUrl} (read by {@link SloRules}), then the spec's {@code monitoring.runbookUrl},
 * then the platform's {@code monitoring.runbookUrl} template with {@code {app}} and {@code {alert}}
 * filled in. The platform default exists so that a team writes its runbook address once, not in
 * every spec.
 *
 * @param app the app's name, for the platform's template
 * @param specUrl the spec's {@code monitoring.runbookUrl}, one page for all of the app's alerts
 * @param platform the platform's monitoring section
 */
public record Runbooks(String app, Optional<String> specUrl, PlatformMonitoring platform) {

  public Runbooks {
    Objects.requireNonNull(app, "app");
    Objects.requireNonNull(specUrl, "specUrl");
    Objects.requireNonNull(platform, "platform");
  }

  public static Runbooks of(App app, AppSpec spec, PlatformMonitoring platform) {
    return new Runbooks(app.name(), spec.monitoring().runbookUrl(), platform);
  }

  /** The runbook of one alert, empty when neither the spec nor the platform names one. */
  public Optional<String> forAlert(String alert) {
    return specUrl.or(() -> platform.runbook(app, alert));
  }
}
