package dev.minato.edge.lb;

import java.util.List;

/** The specs and inventory cannot make a load-balancer plan; every problem is listed. */
public final class PlanException extends Exception {

  private final List<String> problems;

  public PlanException(List<String> problems) {
    super(String.join("\n", problems));
    this.problems = List.copyOf(problems);
  }

  public List<String> problems() {
    return problems;
  }
}
