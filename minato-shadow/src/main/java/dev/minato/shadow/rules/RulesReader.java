package dev.minato.shadow.rules;

import com.fasterxml.jackson.databind.JsonNode;
import dev.minato.manifest.Document;
import dev.minato.manifest.InvalidValueException;
import dev.minato.manifest.JsonPointers;
import dev.minato.manifest.ManifestException;
import dev.minato.manifest.Positions;
import dev.minato.manifest.Suggestions;
import dev.minato.manifest.YamlReader;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Reads a rules file ({@code --rules FILE}) with the position of every value, so a mistake is
 * reported at {@code file:line:column} with the field, what was expected and a did-you-mean:
 *
 * <pre>
 * ignore: [$.meta.requestId, $..traceId]
 * sets: [$.items[*].tags]
 * tolerance:
 *   - {path: $.price, within: 0.01}
 * values: [timestamp, uuid, {regex: 'req-[0-9]+', paths: [$.ref]}]
 * headers: {compare: [X-Api-Version], ignore: [Vary]}
 * redact: {headers: [X-Session], query: [token], paths: [$..password], patterns: ['sk_[a-z0-9]+']}
 * noise: {relative: 0.2, absolute: 0}
 * </pre>
 */
public final class RulesReader {

  private static final List<String> FIELDS =
      List.of("ignore", "sets", "tolerance", "values", "headers", "redact", "noise");

  private final Positions positions;

  private RulesReader(Positions positions) {
    this.positions = positions;
  }

  public static ShadowRules read(Path file) throws ManifestException {
    List<Document> documents = YamlReader.read(file);
    if (documents.isEmpty()) {
      return ShadowRules.DEFAULT;
    }
    Document document = documents.get(0);
    return new RulesReader(document.positions()).rules(document.root());
  }

  private ShadowRules rules(JsonNode root) throws ManifestException {
    mapping(root, "", FIELDS, "the rules file");
    List<Tolerance> tolerances = each(root, "/tolerance", "/tolerance", this::tolerance);
    List<ValuePattern> values = each(root, "/values", "/values", this::value);
    JsonNode headers = root.path("headers");
    mapping(headers, "/headers", List.of("compare", "ignore"), "headers");
    JsonNode redact = root.path("redact");
    mapping(redact, "/redact", List.of("headers", "query", "paths", "patterns"), "redact");
    JsonNode noise = root.path("noise");
    mapping(noise, "/noise", List.of("relative", "absolute"), "noise");
    return new ShadowRules(
        paths(root, "/ignore"),
        paths(root, "/sets"),
        tolerances,
        values,
        HeaderRules.of(strings(root, "/headers/compare"), strings(root, "/headers/ignore")),
        Redaction.of(
            strings(root, "/redact/headers"),
            strings(root, "/redact/query"),
            paths(root, "/redact/paths"),
            patterns(root, "/redact/patterns")),
        new NoiseRule(
            rate(root, "/noise/relative", NoiseRule.DEFAULT.relative()),
            rate(root, "/noise/absolute", NoiseRule.DEFAULT.absolute())));
  }

  private Tolerance tolerance(JsonNode entry, String at) throws ManifestException {
    mapping(entry, at, List.of("path", "within"), "a tolerance");
    PathPattern path = path(required(entry, at, "path"), at + "/path");
    JsonNode within = required(entry, at, "within");
    if (!within.isNumber() || within.decimalValue().signum() < 0) {
      throw new ManifestException(
          positions.value(at + "/within"),
          "within: expected a number at least 0 (the largest difference that is still equal),"
              + " like 0.01, got "
              + within);
    }
    return new Tolerance(path, within.decimalValue());
  }

  private ValuePattern value(JsonNode entry, String at) throws ManifestException {
    if (entry.isTextual()) {
      String name = entry.asText();
      return ValuePattern.preset(name)
          .orElseThrow(
              () ->
                  new ManifestException(
                      positions.value(at),
                      "values: '"
                          + name
                          + "' is not a known pattern"
                          + Suggestions.didYouMean(name, ValuePattern.PRESETS.keySet())
                          + " (known: "
                          + String.join(
                              ", ", new java.util.TreeSet<>(ValuePattern.PRESETS.keySet()))
                          + "; or write {regex: '...'})"));
    }
    mapping(entry, at, List.of("name", "regex", "paths"), "a value pattern");
    Pattern regex = pattern(required(entry, at, "regex"), at + "/regex");
    String name = entry.path("name").asText(regex.pattern());
    return new ValuePattern(name, regex, each(entry, at + "/paths", "/paths", this::path));
  }

  /** Fails when {@code node} is present and not a mapping of only {@code known} fields. */
  private void mapping(JsonNode node, String at, List<String> known, String what)
      throws ManifestException {
    if (node.isMissingNode() || node.isNull()) {
      return;
    }
    if (!node.isObject()) {
      throw new ManifestException(
          positions.value(at), what + ": expected a mapping with " + String.join(", ", known));
    }
    Iterator<String> names = node.fieldNames();
    while (names.hasNext()) {
      String name = names.next();
      if (!known.contains(name)) {
        throw new ManifestException(
            positions.key(JsonPointers.child(at, name)),
            "unknown field '"
                + name
                + "' in "
                + what
                + Suggestions.didYouMean(name, known)
                + " (known fields: "
                + String.join(", ", known)
                + ")");
      }
    }
  }

  private JsonNode required(JsonNode entry, String at, String field) throws ManifestException {
    JsonNode value = entry.get(field);
    if (value == null || value.isNull()) {
      throw new ManifestException(positions.value(at), "missing field '" + field + "'");
    }
    return value;
  }

  /** The list at {@code pointer}; absent means empty. */
  private JsonNode listAt(JsonNode node, String pointer) throws ManifestException {
    if (node.isMissingNode() || node.isNull()) {
      return com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.arrayNode();
    }
    if (!node.isArray()) {
      throw new ManifestException(
          positions.value(pointer), pointer.substring(1) + ": expected a list");
    }
    return node;
  }

  /** Reads one element of a list at its pointer. */
  @FunctionalInterface
  private interface Element<T> {
    T read(JsonNode node, String at) throws ManifestException;
  }

  /** Each element of the list {@code relative} under {@code node}, read by {@code element}. */
  private <T> List<T> each(JsonNode node, String pointer, String relative, Element<T> element)
      throws ManifestException {
    List<T> out = new ArrayList<>();
    JsonNode list = listAt(node.at(relative), pointer);
    for (int i = 0; i < list.size(); i++) {
      out.add(element.read(list.get(i), JsonPointers.child(pointer, i)));
    }
    return out;
  }

  private Set<String> strings(JsonNode root, String pointer) throws ManifestException {
    return new LinkedHashSet<>(each(root, pointer, pointer, this::text));
  }

  private List<PathPattern> paths(JsonNode root, String pointer) throws ManifestException {
    return each(root, pointer, pointer, this::path);
  }

  private PathPattern path(JsonNode node, String at) throws ManifestException {
    try {
      return PathPattern.parse(text(node, at));
    } catch (InvalidValueException e) {
      throw new ManifestException(positions.value(at), e.getMessage());
    }
  }

  private List<Pattern> patterns(JsonNode root, String pointer) throws ManifestException {
    return each(root, pointer, pointer, this::pattern);
  }

  private Pattern pattern(JsonNode node, String at) throws ManifestException {
    String text = text(node, at);
    try {
      return Pattern.compile(text);
    } catch (PatternSyntaxException e) {
      throw new ManifestException(
          positions.value(at), "'" + text + "' is not a regular expression: " + e.getDescription());
    }
  }

  private String text(JsonNode node, String at) throws ManifestException {
    if (!node.isTextual() || node.asText().isEmpty()) {
      throw new ManifestException(positions.value(at), "expected a non-empty text, got " + node);
    }
    return node.asText();
  }

  private double rate(JsonNode root, String pointer, double fallback) throws ManifestException {
    JsonNode node = root.at(pointer);
    if (node.isMissingNode() || node.isNull()) {
      return fallback;
    }
    BigDecimal value = node.isNumber() ? node.decimalValue() : null;
    if (value == null || value.signum() < 0 || value.compareTo(BigDecimal.ONE) > 0) {
      throw new ManifestException(
          positions.value(pointer),
          pointer.substring(1) + ": expected a rate from 0 to 1, like 0.2, got " + node);
    }
    return value.doubleValue();
  }
}
