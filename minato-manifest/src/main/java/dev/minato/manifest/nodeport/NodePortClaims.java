package dev.minato.manifest.nodeport;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Finds NodePorts claimed more than once. A node port is one number on every node of the cluster,
 * so two owners can never share it, whatever their namespaces. One Service may use the same port
 * once per protocol (TCP and UDP of a DNS server, say), as Kubernetes allows.
 */
public final class NodePortClaims {

  private NodePortClaims() {}

  /** Every colliding port, in port order; each collision lists its claims in input order. */
  public static List<NodePortCollision> collisions(Collection<NodePortClaim> claims) {
    Map<Integer, List<NodePortClaim>> byPort = new TreeMap<>();
    for (NodePortClaim claim : claims) {
      byPort.computeIfAbsent(claim.port(), port -> new ArrayList<>()).add(claim);
    }
    List<NodePortCollision> collisions = new ArrayList<>();
    byPort.forEach(
        (port, list) -> {
          if (collide(list)) {
            collisions.add(new NodePortCollision(port, list));
          }
        });
    return collisions;
  }

  private static boolean collide(List<NodePortClaim> claims) {
    for (int i = 0; i < claims.size(); i++) {
      for (int j = i + 1; j < claims.size(); j++) {
        NodePortClaim a = claims.get(i);
        NodePortClaim b = claims.get(j);
        if (!a.owner().equals(b.owner()) || a.protocol().equals(b.protocol())) {
          return true;
        }
      }
    }
    return false;
  }
}
