package dev.minato.logs.rules;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A masking ruleset, as {@code .minato/logs.yaml} holds it: the same value drives the CLI filters,
 * the logback encoder and the collector's rendered filters.
 *
 * <p>Rules apply in order to every field of an event. A field whose label a key rule ({@link
 * Match.KeyName}, {@link Match.KeyPattern}) matches gets the first such rule's action over its
 * whole value, and no value rule looks at it. Every other field is searched by all value rules
 * ({@link Match.Detector}, {@link Match.ValuePattern}) at once; each match is replaced by its
 * rule's action, and where two matches overlap the one that starts first (then the longer) wins.
 *
 * @param rules the rules in order
 * @param keys the keys of {@link Action.Pseudonym}; empty when no rule uses one
 * @param routing how events are sent to streams, if they are
 * @param tests vector cases that pin what the rules do, run by {@code minato logs test}
 */
public record Ruleset(
    List<Rule> rules,
    Optional<PseudonymKeys> keys,
    Optional<Routing> routing,
    List<VectorCase> tests) {

  public Ruleset {
    rules = List.copyOf(rules);
    Objects.requireNonNull(keys, "keys");
    Objects.requireNonNull(routing, "routing");
    tests = List.copyOf(tests);
    if (keys.isEmpty() && rules.stream().anyMatch(r -> r.action() instanceof Action.Pseudonym)) {
      throw new IllegalArgumentException("a pseudonym rule needs pseudonym keys");
    }
  }

  /** No rules: events pass unchanged. */
  public static Ruleset empty() {
    return new Ruleset(List.of(), Optional.empty(), Optional.empty(), List.of());
  }
}
