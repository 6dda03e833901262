package dev.minato.manifest.selector;

import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * One condition of a label selector on one label key. {@code key=value} is {@link Operator#IN} with
 * one value and {@code key!=value} is {@link Operator#NOT_IN} with one, as Kubernetes reads them.
 */
public record Requirement(String key, Operator operator, Set<String> values) {

  /** How a requirement compares a label with its values. */
  public enum Operator {
    IN,
    NOT_IN,
    EXISTS,
    DOES_NOT_EXIST
  }

  public Requirement {
    values = Collections.unmodifiableSortedSet(new TreeSet<>(values));
  }

  public boolean matches(Map<String, String> labels) {
    String value = labels.get(key);
    return switch (operator) {
      case IN -> value != null && values.contains(value);
      case NOT_IN -> value == null || !values.contains(value);
      case EXISTS -> value != null;
      case DOES_NOT_EXIST -> value == null;
    };
  }

  /** The requirement in kubectl's syntax, values sorted. */
  @Override
  public String toString() {
    return switch (operator) {
      case IN -> values.size() == 1 ? key + "=" + only() : key + " in " + set();
      case NOT_IN -> values.size() == 1 ? key + "!=" + only() : key + " notin " + set();
      case EXISTS -> key;
      case DOES_NOT_EXIST -> "!" + key;
    };
  }

  /** The value of a requirement that has exactly one. */
  String only() {
    return values.iterator().next();
  }

  private String set() {
    return values.stream().collect(Collectors.joining(",", "(", ")"));
  }
}
