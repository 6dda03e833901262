package dev.minato.edge.nodes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.minato.spec.read.SpecError;
import dev.minato.spec.read.SpecException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NodeInventoryReaderTest {

  private static final String HEADER = "apiVersion: minato.dev/v1\nkind: NodeInventory\n";

  @Test
  void readsNodesWithZonesLabelsAndADefaultSelector(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("nodes.yaml");
    Files.writeString(
        file,
        HEADER
            + "environment: prd\nselector: role=edge\nnodes:\n"
            + "  - {name: a, address: 10.0.1.11, zone: z1, labels: {role: edge}}\n"
            + "  - {name: b, address: 10.0.1.12, labels: {role: db}}\n");

    NodeInventory inventory = NodeInventoryReader.read(file);

    assertThat(inventory.environment()).hasValue("prd");
    assertThat(inventory.nodes()).hasSize(2);
    assertThat(inventory.select(inventory.selector())).extracting(Node::name).containsExactly("a");
  }

  @Test
  void reportsEveryProblemWithItsPosition(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("nodes.yaml");
    Files.writeString(
        file,
        HEADER
            + "nodes:\n"
            + "  - {name: a, adress: 10.0.1.11}\n"
            + "  - {name: b, address: 10.0.1.300}\n"
            + "  - {name: b, address: node-c.example.com}\n");

    SpecException e =
        catchThrowableOfType(SpecException.class, () -> NodeInventoryReader.read(file));

    assertThat(e.errors())
        .extracting(SpecError::toString)
        .anySatisfy(
            m ->
                assertThat(m)
                    .contains(
                        ":4:15: nodes[0].adress: unknown field 'adress', did you mean 'address'?"))
        .anySatisfy(m -> assertThat(m).contains("nodes[0]: missing required field 'address'"))
        .anySatisfy(
            m ->
                assertThat(m)
                    .contains(":5:24: nodes[1].address: '10.0.1.300' is not an IP address"))
        .anySatisfy(m -> assertThat(m).contains("nodes[2].name: node 'b' is listed twice"));
  }

  @Test
  void refusesValuesThatWouldInjectLoadBalancerDirectives(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("nodes.yaml");
    Files.writeString(
        file,
        HEADER
            + "environment: \"prd\\n#\"\n"
            + "nodes:\n"
            + "  - {name: \"a\\n    server rogue 203.0.113.66:80 check\", address: 10.0.1.11}\n"
            + "  - {name: b, address: \"10.0.1.12 backup\"}\n"
            + "  - {name: c, address: 10.0.1.13, zone: \"z;1\"}\n");

    SpecException e =
        catchThrowableOfType(SpecException.class, () -> NodeInventoryReader.read(file));

    assertThat(e.errors())
        .extracting(SpecError::toString)
        .allSatisfy(m -> assertThat(m).doesNotContain("\n"))
        .anySatisfy(
            m ->
                assertThat(m)
                    .contains(":3:14: environment: environment 'prd\\n#' is not a plain name"))
        .anySatisfy(
            m ->
                assertThat(m)
                    .contains(":5:12: nodes[0].name: node name 'a\\n    server rogue")
                    .contains("is not a host name"))
        .anySatisfy(
            m ->
                assertThat(m)
                    .contains(":6:24: nodes[1].address: '10.0.1.12 backup' is not an IP address"))
        .anySatisfy(m -> assertThat(m).contains(":7:41: nodes[2].zone: zone 'z;1'"));
  }
}
