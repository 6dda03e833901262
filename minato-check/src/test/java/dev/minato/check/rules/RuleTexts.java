package dev.minato.check.rules;

import static dev.minato.check.Fixture.check;

import dev.minato.check.Finding;
import dev.minato.check.SuppressedFinding;
import java.util.List;

/** Small helpers for rule tests: where a text sits in a manifest, and what was suppressed. */
final class RuleTexts {

  private RuleTexts() {}

  /** {@code line:column} just after the first {@code needle} in {@code yaml}: a value's start. */
  static String after(String yaml, String needle) {
    int index = yaml.indexOf(needle);
    if (index < 0) {
      throw new AssertionError("no '" + needle + "' in the manifest");
    }
    int start = index + needle.length();
    int line = (int) yaml.substring(0, start).chars().filter(c -> c == '\n').count() + 1;
    int column = start - yaml.lastIndexOf('\n', start - 1);
    return line + ":" + column;
  }

  /** {@code line:column} of a finding. */
  static String at(Finding finding) {
    return finding.position().line() + ":" + finding.position().column();
  }

  /** The rule ids of the findings suppressed in {@code yaml} (strict profile). */
  static List<String> suppressed(String yaml) {
    return check(yaml).suppressed().stream()
        .map(SuppressedFinding::finding)
        .map(Finding::ruleId)
        .toList();
  }

  /** {@code yaml} with an annotation suppressing {@code rule} on the first object's metadata. */
  static String suppressing(String yaml, String rule, String firstMetadataLine) {
    return yaml.replaceFirst(
        java.util.regex.Pattern.quote(firstMetadataLine),
        java.util.regex.Matcher.quoteReplacement(
            firstMetadataLine
                + "\n  annotations: {ignore.minato.dev/"
                + rule
                + ": \"reviewed in OPS-1\"}"));
  }
}
