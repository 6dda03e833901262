package dev.minato.cluster.migrate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.minato.cluster.testing.Sandbox;
import org.junit.jupiter.api.Test;

class ContentHashTest {

  static final ObjectNode SENT =
      Sandbox.tree(
          "kind: Deployment\nmetadata: {name: web, labels: {app: web}}\n"
              + "spec: {replicas: 3, template: {spec: {containers: [{name: a, image: 'a:1'}]}}}\n");

  @Test
  void aTargetWithServerDefaultsAndExtraLabelsHoldsWhatWasSent() {
    ObjectNode live = SENT.deepCopy();
    live.withObject("/metadata/labels").put("added-by", "someone");
    live.withObject("/spec").put("revisionHistoryLimit", 10);
    ((ObjectNode) live.at("/spec/template/spec/containers/0")).put("imagePullPolicy", "Always");
    assertThat(ContentHash.firstDifference(live, SENT)).isEmpty();
    assertThat(ContentHash.ofMigratedFields(live, SENT)).isEqualTo(ContentHash.of(SENT));
  }

  @Test
  void aChangedFieldIsNamedByItsPointer() {
    ObjectNode live = SENT.deepCopy();
    ((ObjectNode) live.at("/spec/template/spec/containers/0")).put("image", "a:2");
    assertThat(ContentHash.firstDifference(live, SENT))
        .contains("/spec/template/spec/containers/0/image");
    assertThat(ContentHash.ofMigratedFields(live, SENT)).isNotEqualTo(ContentHash.of(SENT));
  }

  @Test
  void aMissingFieldOrListItemIsADifference() {
    ObjectNode live = SENT.deepCopy();
    live.withObject("/spec").remove("replicas");
    assertThat(ContentHash.firstDifference(live, SENT)).contains("/spec/replicas");
    ObjectNode extraContainer = SENT.deepCopy();
    extraContainer.withArray("/spec/template/spec/containers").addObject().put("name", "b");
    assertThat(ContentHash.firstDifference(extraContainer, SENT))
        .contains("/spec/template/spec/containers");
  }

  @Test
  void numbersCompareByValueAndKeysInAnyOrder() {
    ObjectNode a = Sandbox.tree("{b: 1, a: 2}");
    ObjectNode b = Sandbox.tree("{a: 2, b: 1}");
    b.put("b", 1L);
    assertThat(ContentHash.of(a)).isEqualTo(ContentHash.of(b));
    assertThat(ContentHash.of(a)).matches("[0-9a-f]{64}");
    assertThat(ContentHash.of(a)).isNotEqualTo(ContentHash.of(Sandbox.tree("{a: 2, b: 3}")));
  }
}
