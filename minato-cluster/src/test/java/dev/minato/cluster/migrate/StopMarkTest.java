package dev.minato.cluster.migrate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.minato.cluster.testing.Sandbox;
import org.junit.jupiter.api.Test;

class StopMarkTest {

  static ObjectNode stopped(String yaml) {
    ObjectNode live = Sandbox.tree(yaml);
    ObjectNode identity = live.deepCopy();
    identity.remove("spec");
    StopMark mark = StopMark.of(live.path("kind").asText()).orElseThrow();
    ObjectNode change = mark.change(identity, live);
    // What the source shows after the server-side apply of the change: both merged.
    ObjectNode merged = live.deepCopy();
    merged.withObject("/metadata").set("annotations", change.at("/metadata/annotations"));
    merged
        .withObject(mark.field().head())
        .set(mark.field().last().getMatchingProperty(), mark.stopped());
    return merged;
  }

  @Test
  void aScaledDownDeploymentIsCreatedWithTheReplicasItHadBefore() {
    ObjectNode live =
        stopped(
            "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: etl, namespace: shop}\n"
                + "spec: {replicas: 4}\n");
    assertThat(live.at("/spec/replicas").asInt()).isZero();
    ObjectNode form = StopMark.undo(live);
    assertThat(form.at("/spec/replicas").asInt()).isEqualTo(4);
    assertThat(form.path("metadata").has("annotations")).isFalse();
  }

  @Test
  void aCronJobSuspendedByTheStopIsCreatedWithoutSuspend() {
    ObjectNode form =
        StopMark.undo(
            stopped(
                "apiVersion: batch/v1\nkind: CronJob\nmetadata: {name: r, namespace: shop}\n"
                    + "spec: {schedule: '0 3 * * *'}\n"));
    assertThat(form.path("spec").has("suspend")).isFalse();
  }

  @Test
  void aDaemonSetLosesTheNodeSelectorTheStopAddedAndKeepsItsOwn() {
    ObjectNode own =
        StopMark.undo(
            stopped(
                "apiVersion: apps/v1\nkind: DaemonSet\nmetadata: {name: d, namespace: shop}\n"
                    + "spec: {template: {spec: {nodeSelector: {disk: ssd}}}}\n"));
    assertThat(own.at("/spec/template/spec/nodeSelector").toString())
        .isEqualTo("{\"disk\":\"ssd\"}");
    ObjectNode none =
        StopMark.undo(
            stopped(
                "apiVersion: apps/v1\nkind: DaemonSet\nmetadata: {name: d, namespace: shop}\n"
                    + "spec: {template: {spec: {containers: []}}}\n"));
    assertThat(none.at("/spec/template/spec").has("nodeSelector")).isFalse();
  }

  @Test
  void aWorkloadReappliedSinceTheStopKeepsItsLiveValue() {
    ObjectNode live =
        stopped(
            "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: etl, namespace: shop}\n"
                + "spec: {replicas: 4}\n");
    live.withObject("/spec").put("replicas", 6);
    ObjectNode form = StopMark.undo(live);
    assertThat(form.at("/spec/replicas").asInt()).isEqualTo(6);
    assertThat(form.path("metadata").has("annotations")).isFalse();
  }
}
