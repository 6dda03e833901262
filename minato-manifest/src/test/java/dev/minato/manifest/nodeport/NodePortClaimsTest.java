package dev.minato.manifest.nodeport;

import static org.assertj.core.api.Assertions.assertThat;

import dev.minato.manifest.SourcePosition;
import java.util.List;
import org.junit.jupiter.api.Test;

class NodePortClaimsTest {

  private static NodePortClaim claim(int port, String protocol, String owner) {
    return new NodePortClaim(port, protocol, owner, new SourcePosition(owner + ".yaml", 1, 1));
  }

  @Test
  void twoOwnersOfOnePortCollide() {
    List<NodePortCollision> collisions =
        NodePortClaims.collisions(
            List.of(claim(30080, "TCP", "a"), claim(30081, "TCP", "b"), claim(30080, "TCP", "c")));

    assertThat(collisions)
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.port()).isEqualTo(30080);
              assertThat(c.claims()).extracting(NodePortClaim::owner).containsExactly("a", "c");
            });
  }

  @Test
  void oneOwnerMayUseAPortOncePerProtocol() {
    assertThat(
            NodePortClaims.collisions(
                List.of(claim(30053, "TCP", "dns"), claim(30053, "UDP", "dns"))))
        .isEmpty();
    assertThat(
            NodePortClaims.collisions(
                List.of(claim(30053, "TCP", "dns"), claim(30053, "TCP", "dns"))))
        .hasSize(1);
  }

  @Test
  void differentProtocolsOfDifferentOwnersStillCollide() {
    assertThat(
            NodePortClaims.collisions(List.of(claim(30053, "TCP", "a"), claim(30053, "UDP", "b"))))
        .hasSize(1);
  }
}
