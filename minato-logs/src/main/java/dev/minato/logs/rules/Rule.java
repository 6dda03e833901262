package dev.minato.logs.rules;

import dev.minato.manifest.SourcePosition;
import java.util.Objects;

/**
 * One masking rule: what it matches and what it does to the match.
 *
 * @param name the name reports and test failures use
 * @param match what the rule finds: a field by its label, or text inside values
 * @param action what replaces what was found
 * @param at where the rule was written (its {@code - } item), for messages; a rule built in code
 *     gives {@link SourcePosition#ofSource}
 */
public record Rule(String name, Match match, Action action, SourcePosition at) {

  public Rule {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(match, "match");
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(at, "at");
  }

  /** A rule built in code, with no source. */
  public static Rule of(String name, Match match, Action action) {
    return new Rule(name, match, action, SourcePosition.ofSource("<code>"));
  }
}
