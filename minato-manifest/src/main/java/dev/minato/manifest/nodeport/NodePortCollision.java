package dev.minato.manifest.nodeport;

import java.util.List;

/** Two or more claims on one NodePort that cannot all be granted. */
public record NodePortCollision(int port, List<NodePortClaim> claims) {

  public NodePortCollision {
    claims = List.copyOf(claims);
  }

  /** The claims other than {@code claim}, for "also claimed by" messages. */
  public List<NodePortClaim> othersThan(NodePortClaim claim) {
    return claims.stream().filter(other -> !other.equals(claim)).toList();
  }
}
