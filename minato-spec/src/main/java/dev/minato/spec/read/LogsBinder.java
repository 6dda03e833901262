package dev.minato.spec.read;

import dev.minato.spec.Logs;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Binds {@code spec.logs} and the label and ruleset fields {@code platform.yaml}'s logging section
 * shares with it. Every value here ends up inside the collector's configuration file, so the
 * syntaxes are strict: no quoting is ever needed there.
 */
final class LogsBinder {

  /** Loki's label name syntax, which CloudWatch and Elasticsearch field names also accept. */
  static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]{0,62}");

  /** Labels the collector sets itself on every line. */
  static final Set<String> RESERVED = Set.of("app", "stream", "namespace");

  private LogsBinder() {}

  static Optional<Logs> bind(Section spec) {
    Optional<Section> section = spec.section("logs");
    if (section.isEmpty()) {
      return Optional.empty();
    }
    Section logs = section.get();
    Optional<Logs.Format> format =
        logs.choice("format", SpecBinder.spellings(Logs.Format.values(), Logs.Format::spelling));
    String stream = logs.string("stream").orElse(Logs.DEFAULT_STREAM);
    String problem = Names.dnsLabelProblem(stream, 63);
    if (!problem.isEmpty()) {
      logs.error("stream", problem);
    }
    Map<String, String> labels = labels(logs, "labels");
    Optional<String> rules = rulesPath(logs, "rules");
    logs.finish();
    return Optional.of(new Logs(format, stream, labels, rules));
  }

  /** Labels by Loki's rules, none of the names the collector sets itself. */
  static Map<String, String> labels(Section section, String field) {
    Map<String, String> labels = section.stringMap(field);
    for (Map.Entry<String, String> label : labels.entrySet()) {
      if (!LABEL_NAME.matcher(label.getKey()).matches()) {
        section.error(
            field,
            "'"
                + label.getKey()
                + "' is not a label name: use letters, digits and '_', not starting with a digit");
      } else if (RESERVED.contains(label.getKey())) {
        section.error(
            field, "'" + label.getKey() + "' is set by the collector on every line; pick another");
      } else if (label.getValue().isEmpty()
          || !Names.LABEL_VALUE.matcher(label.getValue()).matches()
          || label.getValue().length() > 63) {
        section.error(
            field,
            "value '"
                + label.getValue()
                + "' of "
                + label.getKey()
                + ": use at most 63 letters, digits, '-', '_' and '.', starting and ending with a"
                + " letter or digit");
      }
    }
    return labels;
  }

  /** A ruleset file inside the repository: relative, without {@code ..}, a YAML file. */
  static Optional<String> rulesPath(Section section, String field) {
    Optional<String> path = section.string(field);
    path.filter(
            p -> p.startsWith("/") || p.equals("..") || p.startsWith("../") || p.contains("/../"))
        .ifPresent(
            p ->
                section.error(
                    field,
                    "'"
                        + p
                        + "' must be a path inside the repository, relative to this file, e.g."
                        + " .minato/logs.yaml"));
    path.filter(p -> !p.endsWith(".yaml") && !p.endsWith(".yml"))
        .ifPresent(p -> section.error(field, "'" + p + "' is not a YAML file (.yaml or .yml)"));
    return path;
  }
}
