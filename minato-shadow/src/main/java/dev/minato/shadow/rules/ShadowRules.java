package dev.minato.shadow.rules;

import com.fasterxml.jackson.databind.JsonNode;
import dev.minato.manifest.diff.FieldPath;
import dev.minato.manifest.diff.JsonTreeDiff;
import java.util.List;

/**
 * Everything that tunes a comparison: body fields ignored, lists compared as sets, numeric
 * tolerances, values equal by pattern, the headers compared, what is redacted, and the noise rule.
 * Read from {@code --rules FILE} by {@link RulesReader}; {@link #DEFAULT} compares everything.
 */
public record ShadowRules(
    List<PathPattern> ignored,
    List<PathPattern> sets,
    List<Tolerance> tolerances,
    List<ValuePattern> values,
    HeaderRules headers,
    Redaction redaction,
    NoiseRule noise)
    implements JsonTreeDiff.Rules {

  public static final ShadowRules DEFAULT =
      new ShadowRules(
          List.of(),
          List.of(),
          List.of(),
          List.of(),
          HeaderRules.DEFAULT,
          Redaction.DEFAULT,
          NoiseRule.DEFAULT);

  public ShadowRules {
    ignored = List.copyOf(ignored);
    sets = List.copyOf(sets);
    tolerances = List.copyOf(tolerances);
    values = List.copyOf(values);
  }

  /** These rules with more redaction (the command line's {@code --redact}). */
  public ShadowRules withRedaction(Redaction more) {
    return new ShadowRules(ignored, sets, tolerances, values, headers, redaction.and(more), noise);
  }

  @Override
  public boolean ignored(FieldPath path) {
    return anyMatches(ignored, path);
  }

  @Override
  public boolean unordered(FieldPath path) {
    return anyMatches(sets, path);
  }

  @Override
  public boolean equivalent(FieldPath path, JsonNode before, JsonNode after) {
    if (before.isNumber() && after.isNumber()) {
      for (Tolerance tolerance : tolerances) {
        if (tolerance.path().matches(path)
            && tolerance.accepts(before.decimalValue(), after.decimalValue())) {
          return true;
        }
      }
    }
    if (before.isContainerNode() || after.isContainerNode()) {
      return false;
    }
    for (ValuePattern value : values) {
      if ((value.paths().isEmpty() || anyMatches(value.paths(), path))
          && value.bothMatch(before.asText(), after.asText())) {
        return true;
      }
    }
    return false;
  }

  /** A text line with every value pattern's matches replaced, so they compare equal. */
  public String maskValues(String line) {
    String masked = line;
    for (ValuePattern value : values) {
      if (value.paths().isEmpty()) {
        masked =
            value
                .regex()
                .matcher(masked)
                .replaceAll(java.util.regex.Matcher.quoteReplacement("{" + value.name() + "}"));
      }
    }
    return masked;
  }

  private static boolean anyMatches(List<PathPattern> patterns, FieldPath path) {
    for (PathPattern pattern : patterns) {
      if (pattern.matches(path)) {
        return true;
      }
    }
    return false;
  }
}
