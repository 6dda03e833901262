package dev.minato.check.config;

import com.fasterxml.jackson.databind.JsonNode;
import dev.minato.check.Profile;
import dev.minato.check.Severity;
import dev.minato.manifest.Document;
import dev.minato.manifest.InvalidValueException;
import dev.minato.manifest.JsonPointers;
import dev.minato.manifest.ManifestException;
import dev.minato.manifest.Positions;
import dev.minato.manifest.SourcePosition;
import dev.minato.manifest.Suggestions;
import dev.minato.manifest.YamlReader;
import dev.minato.manifest.nodeport.NodePortRange;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads {@code .minato/check.yaml}. Every mistake is reported at its {@code file:line:column} with
 * what was expected, and unknown fields or rule ids get a "did you mean" from the known names.
 */
public final class CheckConfigReader {

  /** Where the configuration lives relative to a repository root. */
  public static final Path DEFAULT_LOCATION = Path.of(".minato", "check.yaml");

  private static final List<String> FIELDS =
      List.of(
          "profile",
          "disabledRules",
          "severities",
          "clusterNames",
          "nodePortRange",
          "maxWorkersPerCpu",
          "gracePeriodMarginSeconds",
          "platformNamespaces",
          "productionEnvironments");

  private final Set<String> ruleIds;

  /** A reader that accepts these rule ids in {@code disabledRules} and {@code severities}. */
  public CheckConfigReader(Set<String> ruleIds) {
    this.ruleIds = Set.copyOf(ruleIds);
  }

  /** The nearest {@code .minato/check.yaml} in {@code start} or one of its parents. */
  public static Optional<Path> find(Path start) {
    for (Path dir = start.toAbsolutePath().normalize(); dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve(DEFAULT_LOCATION);
      if (Files.isRegularFile(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  public CheckConfig read(Path file) throws ManifestException {
    List<Document> documents = YamlReader.read(file);
    if (documents.isEmpty()) {
      return CheckConfig.defaults();
    }
    Document document = documents.get(0);
    return read(document.root(), document.positions());
  }

  private CheckConfig read(JsonNode root, Positions positions) throws ManifestException {
    if (!root.isObject()) {
      throw new ManifestException(
          positions.value(""), "the check configuration must be a mapping of fields");
    }
    Iterator<String> names = root.fieldNames();
    while (names.hasNext()) {
      String name = names.next();
      if (!FIELDS.contains(name)) {
        throw new ManifestException(
            positions.key("/" + name),
            "unknown field '"
                + name
                + "'"
                + Suggestions.didYouMean(name, FIELDS)
                + " (known fields: "
                + String.join(", ", FIELDS)
                + ")");
      }
    }
    CheckConfig defaults = CheckConfig.defaults();
    return new CheckConfig(
        profile(root, positions),
        new HashSet<>(ruleList(root, positions, "disabledRules")),
        severities(root, positions),
        strings(root, positions, "clusterNames"),
        nodePortRange(root, positions),
        maxWorkersPerCpu(root, positions),
        gracePeriodMargin(root, positions),
        root.has("platformNamespaces")
            ? new HashSet<>(strings(root, positions, "platformNamespaces"))
            : defaults.platformNamespaces(),
        root.has("productionEnvironments")
            ? new HashSet<>(strings(root, positions, "productionEnvironments"))
            : defaults.productionEnvironments());
  }

  private static Profile profile(JsonNode root, Positions positions) throws ManifestException {
    if (!root.has("profile")) {
      return Profile.DEFAULT;
    }
    String text = root.get("profile").asText("");
    List<String> known = Arrays.stream(Profile.values()).map(Profile::label).toList();
    return Profile.parse(text)
        .orElseThrow(
            () ->
                new ManifestException(
                    positions.value("/profile"),
                    "profile '"
                        + text
                        + "' is not one of "
                        + String.join(", ", known)
                        + Suggestions.didYouMean(text, known)));
  }

  private List<String> ruleList(JsonNode root, Positions positions, String field)
      throws ManifestException {
    List<String> rules = strings(root, positions, field);
    for (int i = 0; i < rules.size(); i++) {
      requireRule(rules.get(i), positions.value(JsonPointers.child("/" + field, i)));
    }
    return rules;
  }

  private Map<String, Severity> severities(JsonNode root, Positions positions)
      throws ManifestException {
    JsonNode node = root.path("severities");
    Map<String, Severity> overrides = new HashMap<>();
    if (node.isMissingNode() || node.isNull()) {
      return overrides;
    }
    if (!node.isObject()) {
      throw new ManifestException(
          positions.value("/severities"),
          "'severities' must map rule ids to error, warning or info");
    }
    Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> entry = fields.next();
      String pointer = JsonPointers.child("/severities", entry.getKey());
      requireRule(entry.getKey(), positions.key(pointer));
      String text = entry.getValue().asText("");
      List<String> known = Arrays.stream(Severity.values()).map(Severity::label).toList();
      Severity severity =
          Severity.parse(text)
              .orElseThrow(
                  () ->
                      new ManifestException(
                          positions.value(pointer),
                          "severity '"
                              + text
                              + "' is not one of error, warning, info"
                              + Suggestions.didYouMean(text, known)));
      overrides.put(entry.getKey(), severity);
    }
    return overrides;
  }

  private void requireRule(String id, SourcePosition position) throws ManifestException {
    if (!ruleIds.contains(id)) {
      throw new ManifestException(
          position,
          "unknown rule '"
              + id
              + "'"
              + Suggestions.didYouMean(id, ruleIds)
              + " (minato check --list-rules shows them all)");
    }
  }

  private static List<String> strings(JsonNode root, Positions positions, String field)
      throws ManifestException {
    JsonNode node = root.path(field);
    if (node.isMissingNode() || node.isNull()) {
      return List.of();
    }
    if (!node.isArray()) {
      throw new ManifestException(
          positions.value("/" + field), "'" + field + "' must be a list of strings");
    }
    List<String> values = new ArrayList<>();
    for (int i = 0; i < node.size(); i++) {
      if (!node.get(i).isTextual() || node.get(i).asText().isBlank()) {
        throw new ManifestException(
            positions.value(JsonPointers.child("/" + field, i)),
            "'" + field + "' entries must be non-empty strings");
      }
      values.add(node.get(i).asText());
    }
    return values;
  }

  private static NodePortRange nodePortRange(JsonNode root, Positions positions)
      throws ManifestException {
    if (!root.has("nodePortRange")) {
      return NodePortRange.DEFAULT;
    }
    try {
      return NodePortRange.parse(root.get("nodePortRange").asText(""));
    } catch (InvalidValueException e) {
      throw new ManifestException(positions.value("/nodePortRange"), e.getMessage());
    }
  }

  private static BigDecimal maxWorkersPerCpu(JsonNode root, Positions positions)
      throws ManifestException {
    JsonNode node = root.path("maxWorkersPerCpu");
    if (node.isMissingNode()) {
      return CheckConfig.DEFAULT_MAX_WORKERS_PER_CPU;
    }
    if (!node.isNumber() || node.decimalValue().signum() <= 0) {
      throw new ManifestException(
          positions.value("/maxWorkersPerCpu"),
          "'maxWorkersPerCpu' must be a positive number such as 4");
    }
    return node.decimalValue();
  }

  private static int gracePeriodMargin(JsonNode root, Positions positions)
      throws ManifestException {
    JsonNode node = root.path("gracePeriodMarginSeconds");
    if (node.isMissingNode()) {
      return CheckConfig.DEFAULT_GRACE_PERIOD_MARGIN_SECONDS;
    }
    if (!node.isInt() || node.intValue() < 0) {
      throw new ManifestException(
          positions.value("/gracePeriodMarginSeconds"),
          "'gracePeriodMarginSeconds' must be a whole number of seconds, 0 or more");
    }
    return node.intValue();
  }
}
