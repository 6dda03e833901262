package dev.minato.edge.nodes;

import dev.minato.manifest.selector.LabelSelector;
import java.util.List;
import java.util.Optional;

/**
 * The nodes of one environment's cluster that a load balancer may send traffic to. Read from a
 * {@code nodes.yaml} today; a live cluster's node list is another source of the same value.
 *
 * @param environment the environment the inventory declares, if it declares one
 * @param selector which nodes receive traffic unless a command line says otherwise
 */
public record NodeInventory(
    String source, Optional<String> environment, LabelSelector selector, List<Node> nodes) {

  /** The nodes a selector picks, in inventory order. */
  public List<Node> select(LabelSelector selector) {
    return nodes.stream().filter(n -> selector.matches(n.labels())).toList();
  }
}
