package dev.minato.manifest.selector;

import com.fasterxml.jackson.databind.JsonNode;
import dev.minato.manifest.InvalidValueException;
import dev.minato.manifest.selector.Requirement.Operator;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * A Kubernetes label selector: requirements that must all hold. The one reading of the three forms
 * users write: kubectl's {@code -l} text ({@link #parse}), a Service's plain map ({@link #ofMap}),
 * and the {@code matchLabels}/{@code matchExpressions} of controllers and PDBs ({@link #of}).
 */
public record LabelSelector(List<Requirement> requirements) {

  /** The empty selector, which selects everything. */
  public static final LabelSelector EVERYTHING = new LabelSelector(List.of());

  public LabelSelector {
    requirements = List.copyOf(requirements);
  }

  /**
   * Parses kubectl's selector syntax: {@code k=v}, {@code k==v}, {@code k!=v}, {@code k in (a,b)},
   * {@code k notin (a,b)}, {@code k} and {@code !k}, joined by commas. Keys and values must be
   * valid label keys and values.
   *
   * @throws InvalidValueException naming the column, what was found and what was expected there
   */
  public static LabelSelector parse(String text) throws InvalidValueException {
    return new SelectorParser(text).selector();
  }

  /** A Service's {@code spec.selector}: every label of the map must be present with its value. */
  public static LabelSelector ofMap(JsonNode map) {
    List<Requirement> requirements = new ArrayList<>();
    map.fields()
        .forEachRemaining(
            field ->
                requirements.add(
                    new Requirement(
                        field.getKey(),
                        Operator.IN,
                        new TreeSet<>(List.of(field.getValue().asText(""))))));
    return new LabelSelector(requirements);
  }

  /**
   * A {@code matchLabels}/{@code matchExpressions} selector; a missing node is the empty selector.
   *
   * @throws InvalidValueException for an operator other than In, NotIn, Exists and DoesNotExist, or
   *     values that do not fit the operator, as the API server refuses them
   */
  public static LabelSelector of(JsonNode selector) throws InvalidValueException {
    LabelSelector labels = ofMap(selector.path("matchLabels"));
    List<Requirement> requirements = new ArrayList<>(labels.requirements());
    Iterator<JsonNode> expressions = selector.path("matchExpressions").elements();
    while (expressions.hasNext()) {
      requirements.add(expression(expressions.next()));
    }
    return new LabelSelector(requirements);
  }

  private static Requirement expression(JsonNode expression) throws InvalidValueException {
    String key = expression.path("key").asText("");
    String operator = expression.path("operator").asText("");
    TreeSet<String> values = new TreeSet<>();
    expression.path("values").forEach(value -> values.add(value.asText()));
    Operator parsed =
        switch (operator) {
          case "In" -> Operator.IN;
          case "NotIn" -> Operator.NOT_IN;
          case "Exists" -> Operator.EXISTS;
          case "DoesNotExist" -> Operator.DOES_NOT_EXIST;
          default ->
              throw new InvalidValueException(
                  "'"
                      + operator
                      + "' is not a selector operator; expected In, NotIn, Exists or DoesNotExist");
        };
    boolean needsValues = parsed == Operator.IN || parsed == Operator.NOT_IN;
    if (needsValues && values.isEmpty()) {
      throw new InvalidValueException(
          "operator " + operator + " on '" + key + "' needs at least one value");
    }
    if (!needsValues && !values.isEmpty()) {
      throw new InvalidValueException("operator " + operator + " on '" + key + "' takes no values");
    }
    return new Requirement(key, parsed, values);
  }

  public boolean matches(Map<String, String> labels) {
    return requirements.stream().allMatch(r -> r.matches(labels));
  }

  /** True for the selector that selects everything. */
  public boolean isEmpty() {
    return requirements.isEmpty();
  }

  /**
   * One {@code key=value} pair every selected object carries, for index lookups; empty when the
   * selector requires none.
   */
  public Optional<Map.Entry<String, String>> requiredLabel() {
    return requirements.stream()
        .filter(r -> r.operator() == Operator.IN && r.values().size() == 1)
        .findFirst()
        .map(r -> Map.entry(r.key(), r.only()));
  }

  /** The selector in kubectl's syntax, which {@link #parse} reads back. */
  @Override
  public String toString() {
    return requirements.stream().map(Requirement::toString).collect(Collectors.joining(","));
  }
}
