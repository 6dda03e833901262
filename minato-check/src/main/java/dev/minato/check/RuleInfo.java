package dev.minato.check;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * What the catalogue says about a rule: its id (also the suppression annotation's suffix and the
 * name of its page under {@code docs/rules/}), default severity, the profiles that run it, and a
 * one-line summary.
 */
public record RuleInfo(String id, Severity severity, Set<Profile> profiles, String summary) {

  public RuleInfo {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(severity, "severity");
    profiles = Set.copyOf(profiles);
    Objects.requireNonNull(summary, "summary");
  }

  /** A rule in every profile. */
  public static RuleInfo everywhere(String id, Severity severity, String summary) {
    return new RuleInfo(id, severity, EnumSet.allOf(Profile.class), summary);
  }

  /** A rule in the portable and strict profiles. */
  public static RuleInfo portable(String id, Severity severity, String summary) {
    return new RuleInfo(id, severity, EnumSet.of(Profile.PORTABLE, Profile.STRICT), summary);
  }

  /** A rule only in the strict profile. */
  public static RuleInfo strict(String id, Severity severity, String summary) {
    return new RuleInfo(id, severity, EnumSet.of(Profile.STRICT), summary);
  }

  public RuleInfo withSeverity(Severity newSeverity) {
    return new RuleInfo(id, newSeverity, profiles, summary);
  }

  /** The relative link to the rule's documentation page. */
  public String docsPath() {
    return "docs/rules/" + id + ".md";
  }
}
