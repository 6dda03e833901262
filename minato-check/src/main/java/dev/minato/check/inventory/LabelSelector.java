package dev.minato.check.inventory;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A Kubernetes label selector: either the plain map of a Service, or {@code matchLabels} plus
 * {@code matchExpressions} (In, NotIn, Exists, DoesNotExist) as in PDBs and controllers.
 */
public final class LabelSelector {

  private final Map<String, String> labels;
  private final List<Expression> expressions;

  private LabelSelector(Map<String, String> labels, List<Expression> expressions) {
    this.labels = labels;
    this.expressions = expressions;
  }

  private record Expression(String key, String operator, List<String> values) {
    boolean matches(Map<String, String> podLabels) {
      String value = podLabels.get(key);
      return switch (operator) {
        case "In" -> value != null && values.contains(value);
        case "NotIn" -> value == null || !values.contains(value);
        case "Exists" -> value != null;
        case "DoesNotExist" -> value == null;
        default -> false;
      };
    }
  }

  /** A Service's {@code spec.selector}: a plain map of labels. */
  public static LabelSelector ofMap(JsonNode node) {
    return new LabelSelector(Workload.strings(node), List.of());
  }

  /** A {@code matchLabels}/{@code matchExpressions} selector. */
  public static LabelSelector of(JsonNode node) {
    List<Expression> expressions = new ArrayList<>();
    for (JsonNode expression : node.path("matchExpressions")) {
      List<String> values = new ArrayList<>();
      expression.path("values").forEach(value -> values.add(value.asText()));
      expressions.add(
          new Expression(
              expression.path("key").asText(""), expression.path("operator").asText(""), values));
    }
    return new LabelSelector(Workload.strings(node.path("matchLabels")), List.copyOf(expressions));
  }

  public boolean isEmpty() {
    return labels.isEmpty() && expressions.isEmpty();
  }

  public boolean matches(Map<String, String> podLabels) {
    for (Map.Entry<String, String> label : labels.entrySet()) {
      if (!label.getValue().equals(podLabels.get(label.getKey()))) {
        return false;
      }
    }
    for (Expression expression : expressions) {
      if (!expression.matches(podLabels)) {
        return false;
      }
    }
    return true;
  }

  /** One required {@code key=value} pair, for index lookups; empty when there is none. */
  Optional<Map.Entry<String, String>> anyLabel() {
    return labels.entrySet().stream().findFirst();
  }

  @Override
  public String toString() {
    List<String> parts = new ArrayList<>();
    labels.forEach((key, value) -> parts.add(key + "=" + value));
    expressions.forEach(e -> parts.add(e.key() + " " + e.operator() + " " + e.values()));
    return String.join(",", parts);
  }
}
