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
}
