package dev.minato.check.rules;

import dev.minato.check.Rule;
import dev.minato.check.RuleContext;
import dev.minato.check.RuleInfo;
import dev.minato.check.Severity;
import dev.minato.manifest.JsonPointers;
import dev.minato.manifest.KubeObject;
import dev.minato.manifest.nodeport.NodePortClaim;
import dev.minato.manifest.nodeport.NodePortCollision;
import java.util.List;
import java.util.Optional;

/**
 * No two Services anywhere in the input claim the same NodePort: a node port is cluster-wide, so
 * the second apply fails ("provided port is already allocated"), usually during a migration.
 */
final class NodePortUnique implements Rule {

  static final RuleInfo INFO =
      RuleInfo.everywhere(
          "nodeport-unique",
          Severity.ERROR,
          "no two Services in the input claim the same NodePort");

  @Override
  public RuleInfo info() {
    return INFO;
  }

  @Override
  public boolean appliesTo(KubeObject object) {
    return object.kind().equals("Service") && object.group().isEmpty();
  }

  @Override
  public void check(KubeObject service, RuleContext context) {
    List<NodePortClaim> claims = context.inventory().nodePortClaims(service);
    var ports = service.at("/spec/ports");
    for (int i = 0; i < ports.size(); i++) {
      String pointer = JsonPointers.child(JsonPointers.child("/spec/ports", i), "nodePort");
      for (NodePortClaim claim : claims) {
        if (!claim.position().equals(service.positionOf(pointer))
            || !ports.get(i).path("nodePort").isInt()
            || claim.port() != ports.get(i).path("nodePort").intValue()) {
          continue;
        }
        Optional<NodePortCollision> collision = context.inventory().collision(claim);
        if (collision.isPresent()) {
          List<String> others =
              collision.get().othersThan(claim).stream()
                  .map(
                      other -> other.owner() + " (" + other.protocol() + ") at " + other.position())
                  .toList();
          context.report(
              service,
              pointer,
              service.key()
                  + " claims NodePort "
                  + claim.port()
                  + " ("
                  + claim.protocol()
                  + "), also claimed by "
                  + String.join(", ", others));
        }
        break;
      }
    }
  }
}
