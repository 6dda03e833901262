package dev.minato.spec.read;

import dev.minato.spec.PlatformMonitoring;
import dev.minato.spec.PlatformMonitoring.Backend;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads the {@code monitoring} section of {@code platform.yaml}:
 *
 * <pre>
 * monitoring:
 *   backend: prometheus          # or datadog
 *   dashboards:
 *     enabled: true
 *     label: grafana_dashboard   # what the Grafana sidecar watches (its sidecar.dashboards.label)
 *     labelValue: "1"
 *   runbookUrl: https://runbooks.example.com/{app}#{alert}   # every alert's runbook_url
 * </pre>
 */
public final class PlatformMonitoringBinder {

  private static final Map<String, Backend> BACKENDS = backends();

  private static final Pattern RUNBOOK = Pattern.compile("https?://[^\\s]+");

  private PlatformMonitoringBinder() {}

  /** The platform's monitoring, or the defaults without a section; problems go to its section. */
  public static PlatformMonitoring bind(Optional<Section> section) {
    PlatformMonitoring defaults = PlatformMonitoring.defaults();
    if (section.isEmpty()) {
      return defaults;
    }
    Section monitoring = section.get();
    Backend backend = monitoring.choice("backend", BACKENDS).orElse(defaults.backend());
    boolean enabled = defaults.dashboards();
    String label = defaults.dashboardLabel();
    String value = defaults.dashboardLabelValue();
    Optional<Section> dashboards = monitoring.section("dashboards");
    if (dashboards.isPresent()) {
      Section d = dashboards.get();
      enabled = d.bool("enabled").orElse(enabled);
      Optional<String> key = d.string("label");
      if (key.isPresent() && !labelKey(key.get())) {
        d.error(
            "label",
            "'"
                + key.get()
                + "' is not a label key: an optional DNS prefix and '/', then at most 63 letters,"
                + " digits, '-', '_' or '.', e.g. grafana_dashboard");
      } else if (key.isPresent()) {
        label = key.get();
      }
      Optional<String> labelValue = d.string("labelValue");
      if (labelValue.isPresent() && !Names.labelValue(labelValue.get())) {
        d.error(
            "labelValue",
            "'"
                + labelValue.get()
                + "' is not a label value: at most 63 letters, digits, '-', '_' or '.', starting"
                + " and ending with a letter or digit");
      } else if (labelValue.isPresent()) {
        value = labelValue.get();
      }
      d.finish();
    }
    Optional<String> runbook = monitoring.string("runbookUrl");
    if (runbook.isPresent() && !RUNBOOK.matcher(runbook.get()).matches()) {
      monitoring.error(
          "runbookUrl",
          "'"
              + runbook.get()
              + "' is not an http(s) URL; e.g. https://runbooks.example.com/{app}#{alert}");
      runbook = Optional.empty();
    }
    monitoring.finish();
    return new PlatformMonitoring(backend, enabled, label, value, runbook);
  }

  private static boolean labelKey(String key) {
    int slash = key.indexOf('/');
    return Names.LABEL_KEY.matcher(key).matches()
        && key.length() - slash - 1 <= 63
        && (slash < 0 || slash <= 253);
  }

  private static Map<String, Backend> backends() {
    Map<String, Backend> backends = new LinkedHashMap<>();
    backends.put("prometheus", Backend.PROMETHEUS);
    backends.put("datadog", Backend.DATADOG);
    return backends;
  }
}
