package dev.minato.shadow.compare;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Everything a comparison found, per endpoint in route order: what reports print and gates judge.
 */
public record ShadowResults(List<EndpointResult> endpoints) {

  public ShadowResults {
    endpoints = List.copyOf(endpoints);
  }

  public long requests() {
    return endpoints.stream().mapToLong(EndpointResult::requests).sum();
  }

  public long compared() {
    return endpoints.stream().mapToLong(EndpointResult::compared).sum();
  }

  public long withSecondary() {
    return endpoints.stream().mapToLong(EndpointResult::withSecondary).sum();
  }

  public long differing() {
    return endpoints.stream().mapToLong(EndpointResult::differing).sum();
  }

  /** Differing exchanges over compared ones, across endpoints; 0 when nothing was compared. */
  public double diffRate() {
    return compared() == 0 ? 0 : (double) differing() / compared();
  }

  public Map<String, Long> primaryFailures() {
    return total(EndpointResult::primaryFailures);
  }

  public Map<String, Long> candidateFailures() {
    return total(EndpointResult::candidateFailures);
  }

  public Map<String, Long> secondaryFailures() {
    return total(EndpointResult::secondaryFailures);
  }

  private Map<String, Long> total(
      java.util.function.Function<EndpointResult, Map<String, Long>> f) {
    Map<String, Long> sum = new TreeMap<>();
    endpoints.forEach(e -> f.apply(e).forEach((kind, n) -> sum.merge(kind, n, Long::sum)));
    return sum;
  }
}
