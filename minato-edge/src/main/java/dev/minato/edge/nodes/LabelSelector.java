package dev.minato.edge.nodes;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Kubernetes label selector in kubectl's syntax: {@code k=v}, {@code k==v}, {@code k!=v}, {@code
 * k}, {@code !k}, {@code k in (a,b)}, {@code k notin (a,b)}, joined by commas (all must hold).
 */
public record LabelSelector(String text, List<Requirement> requirements) {

  private static final Pattern SET =
      Pattern.compile("^([^\\s!=(),]+)\\s+(in|notin)\\s+\\(([^()]*)\\)$");
  private static final Pattern KEY = Pattern.compile("^[A-Za-z0-9]([-A-Za-z0-9_./]*[A-Za-z0-9])?$");
  private static final Pattern VALUE =
      Pattern.compile("^([A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?)?$");

  /** One condition on one label. */
  public record Requirement(String key, Operator operator, Set<String> values) {
    boolean matches(Map<String, String> labels) {
      String value = labels.get(key);
      return switch (operator) {
        case EXISTS -> value != null;
        case NOT_EXISTS -> value == null;
        case IN -> value != null && values.contains(value);
        case NOT_IN -> value == null || !values.contains(value);
      };
    }
  }

  /** How a requirement compares; {@code k=v} is IN with one value. */
  public enum Operator {
    EXISTS,
    NOT_EXISTS,
    IN,
    NOT_IN
  }

  /** Matches every node. */
  public static LabelSelector everything() {
    return new LabelSelector("", List.of());
  }

  /** Parses a selector; empty with the reason in {@code problem} when it is not one. */
  public static Optional<LabelSelector> parse(String text, StringBuilder problem) {
    List<Requirement> requirements = new ArrayList<>();
    for (String part : split(text)) {
      String p = part.strip();
      if (p.isEmpty()) {
        continue;
      }
      Matcher set = SET.matcher(p);
      Requirement requirement;
      if (set.matches()) {
        Set<String> values = Set.copyOf(List.of(set.group(3).strip().split("\\s*,\\s*")));
        requirement =
            new Requirement(
                set.group(1), set.group(2).equals("in") ? Operator.IN : Operator.NOT_IN, values);
      } else if (p.contains("!=")) {
        String[] kv = p.split("!=", 2);
        requirement = new Requirement(kv[0].strip(), Operator.NOT_IN, Set.of(kv[1].strip()));
      } else if (p.contains("=")) {
        String[] kv = p.split("==?", 2);
        requirement = new Requirement(kv[0].strip(), Operator.IN, Set.of(kv[1].strip()));
      } else if (p.startsWith("!")) {
        requirement = new Requirement(p.substring(1).strip(), Operator.NOT_EXISTS, Set.of());
      } else {
        requirement = new Requirement(p, Operator.EXISTS, Set.of());
      }
      if (!KEY.matcher(requirement.key()).matches()
          || !requirement.values().stream().allMatch(v -> VALUE.matcher(v).matches())) {
        problem
            .append("'")
            .append(p)
            .append("' is not a label requirement such as role=edge, ")
            .append("role!=db, role, !role or zone in (a,b)");
        return Optional.empty();
      }
      requirements.add(requirement);
    }
    return Optional.of(new LabelSelector(text.strip(), List.copyOf(requirements)));
  }

  public boolean matches(Map<String, String> labels) {
    return requirements.stream().allMatch(r -> r.matches(labels));
  }

  private static List<String> split(String text) {
    List<String> parts = new ArrayList<>();
    int depth = 0;
    StringBuilder current = new StringBuilder();
    for (char c : text.toCharArray()) {
      if (c == '(') {
        depth++;
      } else if (c == ')') {
        depth--;
      }
      if (c == ',' && depth == 0) {
        parts.add(current.toString());
        current.setLength(0);
      } else {
        current.append(c);
      }
    }
    parts.add(current.toString());
    return parts;
  }
}
