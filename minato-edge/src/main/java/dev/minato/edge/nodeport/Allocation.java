package dev.minato.edge.nodeport;

import java.util.List;
import java.util.Map;

/**
 * The outcome of allocating NodePorts: every app's port, the lock file to keep, and warnings (ports
 * that had to come from outside the static band).
 */
public record Allocation(List<Assignment> assignments, NodePortLock lock, List<String> warnings) {

  /** The ports of apps that asked for {@code auto}. */
  public Map<String, Integer> automatic() {
    return lock.ports();
  }
}
