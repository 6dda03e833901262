package dev.minato.shadow.compare;

import dev.minato.shadow.route.Endpoint;
import java.util.List;
import java.util.Map;

/**
 * The results of one endpoint.
 *
 * @param endpoint method and route template
 * @param requests exchanges seen
 * @param compared exchanges where the primary answered, so the candidate could be judged
 * @param withSecondary compared exchanges where the secondary answered too (the noise sample)
 * @param differing compared exchanges with at least one regression field
 * @param primaryFailures exchanges where the primary gave no response, by kind (not judged)
 * @param candidateFailures compared exchanges where the candidate gave no response, by kind
 * @param secondaryFailures exchanges where the secondary gave no response, by kind
 * @param fields every field that differed, regressions first, then by name
 */
public record EndpointResult(
    Endpoint endpoint,
    long requests,
    long compared,
    long withSecondary,
    long differing,
    Map<String, Long> primaryFailures,
    Map<String, Long> candidateFailures,
    Map<String, Long> secondaryFailures,
    List<FieldResult> fields) {

  public EndpointResult {
    primaryFailures = Map.copyOf(primaryFailures);
    candidateFailures = Map.copyOf(candidateFailures);
    secondaryFailures = Map.copyOf(secondaryFailures);
    fields = List.copyOf(fields);
  }

  /** Differing exchanges over compared ones; 0 when nothing was compared. */
  public double diffRate() {
    return compared == 0 ? 0 : (double) differing / compared;
  }

  public List<FieldResult> regressions() {
    return fields.stream().filter(FieldResult::regression).toList();
  }

  public List<FieldResult> noise() {
    return fields.stream().filter(field -> !field.regression()).toList();
  }
}
