package dev.minato.shadow.compare;

import dev.minato.shadow.exchange.Outcome;
import dev.minato.shadow.route.Endpoint;
import dev.minato.shadow.rules.NoiseRule;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The running counts of one endpoint. Which exchanges differ can only be decided at the end, once
 * the noise rule has judged every field, so each exchange is remembered by the set of fields it
 * differed in (its signature): few distinct sets occur in practice, and memory stays bounded by
 * {@link #SIGNATURES} and {@link #FIELDS} whatever the run's length. Callers synchronize on it.
 */
final class EndpointTally {

  /** Distinct sets of differing fields kept; further exchanges fold into one over-counting set. */
  static final int SIGNATURES = 4096;

  /** Distinct fields kept per endpoint; further ones are counted as {@link #MORE_FIELDS}. */
  static final int FIELDS = 500;

  static final String MORE_FIELDS = "(more fields)";

  private static final Set<String> OVERFLOW = Set.of("(too many combinations)");

  private final Endpoint endpoint;
  private long requests;
  private long compared;
  private long withSecondary;
  private final Map<String, Long> primaryFailures = new TreeMap<>();
  private final Map<String, Long> candidateFailures = new TreeMap<>();
  private final Map<String, Long> secondaryFailures = new TreeMap<>();
  private final Map<String, FieldCount> fields = new HashMap<>();
  private final Map<Set<String>, Long> signatures = new HashMap<>();

  EndpointTally(Endpoint endpoint) {
    this.endpoint = endpoint;
  }

  /** Counts one exchange whose primary gave no response: nothing to judge it against. */
  void primaryFailed(Outcome.Failed failure) {
    requests++;
    primaryFailures.merge(failure.kind(), 1L, Long::sum);
  }

  /**
   * Counts one judged exchange.
   *
   * @param candidate the differences primary↔candidate
   * @param secondary the differences primary↔secondary, empty when the secondary did not answer
   */
  void compared(
      String target,
      Outcome candidateOutcome,
      List<Difference> candidate,
      Optional<Outcome> secondaryOutcome,
      Optional<List<Difference>> secondary) {
    requests++;
    compared++;
    if (candidateOutcome instanceof Outcome.Failed failed) {
      candidateFailures.merge(failed.kind(), 1L, Long::sum);
    }
    if (secondaryOutcome.orElse(null) instanceof Outcome.Failed failed) {
      secondaryFailures.merge(failed.kind(), 1L, Long::sum);
    }
    TreeSet<String> signature = new TreeSet<>();
    for (Difference difference : candidate) {
      String field = field(difference.field());
      if (signature.add(field)) {
        fields.get(field).candidate(new Example(target, difference.primary(), difference.other()));
      }
    }
    if (secondary.isPresent()) {
      withSecondary++;
      Set<String> seen = new TreeSet<>();
      for (Difference difference : secondary.get()) {
        String field = field(difference.field());
        if (seen.add(field)) {
          fields
              .get(field)
              .secondary(new Example(target, difference.primary(), difference.other()));
        }
      }
    }
    if (!signature.isEmpty()) {
      Set<String> key =
          signatures.size() < SIGNATURES || signatures.containsKey(signature)
              ? Set.copyOf(signature)
              : OVERFLOW;
      signatures.merge(key, 1L, Long::sum);
    }
  }

  /** The field's counter, created on first sight while there is room. */
  private String field(String name) {
    if (fields.containsKey(name)) {
      return name;
    }
    String kept = fields.size() < FIELDS ? name : MORE_FIELDS;
    fields.computeIfAbsent(kept, FieldCount::new);
    return kept;
  }

  EndpointResult result(NoiseRule rule) {
    List<FieldResult> results = new ArrayList<>();
    Set<String> regressions = new TreeSet<>();
    for (FieldCount count : fields.values()) {
      boolean regression =
          rule.isRegression(count.candidateDiffs, compared, count.secondaryDiffs, withSecondary);
      if (regression) {
        regressions.add(count.field);
      }
      results.add(
          new FieldResult(
              count.field,
              count.candidateDiffs,
              count.secondaryDiffs,
              regression,
              Optional.ofNullable(count.example),
              Optional.ofNullable(count.noiseExample)));
    }
    results.sort(
        Comparator.comparing((FieldResult field) -> !field.regression())
            .thenComparing(FieldResult::field));
    long differing = 0;
    for (Map.Entry<Set<String>, Long> entry : signatures.entrySet()) {
      boolean overflow = entry.getKey() == OVERFLOW;
      if (overflow || entry.getKey().stream().anyMatch(regressions::contains)) {
        differing += entry.getValue();
      }
    }
    return new EndpointResult(
        endpoint,
        requests,
        compared,
        withSecondary,
        differing,
        primaryFailures,
        candidateFailures,
        secondaryFailures,
        results);
  }

  /** One field's counts and the first example of each kind, in {@link Example}'s order. */
  private static final class FieldCount {
    final String field;
    long candidateDiffs;
    long secondaryDiffs;
    Example example;
    Example noiseExample;

    FieldCount(String field) {
      this.field = field;
    }

    void candidate(Example seen) {
      candidateDiffs++;
      if (example == null || seen.compareTo(example) < 0) {
        example = seen;
      }
    }

    void secondary(Example seen) {
      secondaryDiffs++;
      if (noiseExample == null || seen.compareTo(noiseExample) < 0) {
        noiseExample = seen;
      }
    }
  }
}
