package dev.minato.render.objects;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.minato.spec.App;
import dev.minato.spec.Environment;
import dev.minato.spec.read.SpecError;
import dev.minato.spec.read.SpecException;
import dev.minato.spec.read.SpecReader;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The spec's way out as rendered: patches applied last, extra objects added, problems placed. */
class AppObjectsTest {

  private static final String WEB =
      "apiVersion: minato.dev/v1\nkind: App\nmetadata: {name: shop}\nspec:\n"
          + "  image: shop:1.0\n  port: 8080\n  resources: {cpu: 500m, memory: 256Mi}\n";

  /** A merge into the Deployment's pod spec; what follows is indented under {@code spec}. */
  private static final String POD_SPEC_MERGE =
      "  patches:\n"
          + "    - target: {kind: Deployment}\n"
          + "      merge:\n"
          + "        spec:\n"
          + "          template:\n"
          + "            spec:\n";

  private static App app(String more) throws Exception {
    return SpecReader.read("minato.yaml", WEB + more).get(0);
  }

  private static List<ObjectNode> render(String more) throws Exception {
    App app = app(more);
    return AppObjects.render(app, app.spec());
  }

  private static List<String> errors(String more) throws Exception {
    App app = app(more);
    SpecException e =
        catchThrowableOfType(SpecException.class, () -> AppObjects.render(app, app.spec()));
    assertThat(e).as("expected errors").isNotNull();
    return e.errors().stream().map(SpecError::toString).toList();
  }

  private static ObjectNode find(List<ObjectNode> objects, String kind) {
    return objects.stream()
        .filter(o -> o.path("kind").asText().equals(kind))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + kind));
  }

  @Test
  void aMergeAddsASidecarAndMergesTheAppContainerByName() throws Exception {
    ObjectNode deployment =
        find(
            render(
                POD_SPEC_MERGE
                    + "              containers:\n"
                    + "                - {name: shop, env: [{name: EXTRA, value: x}]}\n"
                    + "                - {name: proxy, image: 'envoy:1.30'}\n"
                    + "              volumes: [{name: tmp, $patch: delete}]\n"),
            "Deployment");

    assertThat(deployment.at("/spec/template/spec/containers/0/name").asText()).isEqualTo("shop");
    assertThat(deployment.at("/spec/template/spec/containers/0/image").asText())
        .isEqualTo("shop:1.0");
    assertThat(deployment.at("/spec/template/spec/containers/0/env").toString())
        .contains("MINATO_CPU_REQUEST")
        .endsWith("{\"name\":\"EXTRA\",\"value\":\"x\"}]");
    assertThat(deployment.at("/spec/template/spec/containers/1").toString())
        .isEqualTo("{\"name\":\"proxy\",\"image\":\"envoy:1.30\"}");
    assertThat(deployment.at("/spec/template/spec/volumes")).isEmpty();
  }

  @Test
  void aMergeMatchesVolumeMountsByMountPathAndDropsDirectivesFromWhatItAdds() throws Exception {
    ObjectNode deployment =
        find(
            render(
                POD_SPEC_MERGE
                    + "              containers:\n"
                    + "                - name: shop\n"
                    + "                  volumeMounts: [{mountPath: /tmp, readOnly: false}]\n"
                    + "                - name: proxy\n"
                    + "                  env: [{name: A, $patch: delete}]\n"),
            "Deployment");

    assertThat(deployment.at("/spec/template/spec/containers/0/volumeMounts").toString())
        .isEqualTo("[{\"name\":\"tmp\",\"mountPath\":\"/tmp\",\"readOnly\":false}]");
    assertThat(deployment.at("/spec/template/spec/containers/1").toString())
        .isEqualTo("{\"name\":\"proxy\",\"env\":[]}");
  }

  @Test
  void aMergeReplacesListsWithoutAMergeKeyAndNullRemovesAKey() throws Exception {
    ObjectNode deployment =
        find(
            render(
                "  command: [a, b]\n"
                    + "  patches:\n"
                    + "    - target: {kind: Deployment}\n"
                    + "      merge:\n"
                    + "        spec:\n"
                    + "          revisionHistoryLimit: null\n"
                    + "          template: {spec: {containers: [{name: shop, command: [c]}]}}\n"),
            "Deployment");

    assertThat(deployment.at("/spec/template/spec/containers/0/command").toString())
        .isEqualTo("[\"c\"]");
    assertThat(deployment.at("/spec").has("revisionHistoryLimit")).isFalse();
  }

  @Test
  void jsonPatchOperationsApplyInOrderAfterEveryDefault() throws Exception {
    ObjectNode service =
        find(
            render(
                "  patches:\n"
                    + "    - target: {kind: Service, name: shop}\n"
                    + "      jsonPatch:\n"
                    + "        - {op: test, path: /spec/type, value: ClusterIP}\n"
                    + "        - {op: add, path: /metadata/annotations, value: {a: b}}\n"
                    + "        - {op: copy, from: /metadata/annotations/a, path: /metadata/c}\n"
                    + "        - {op: move, from: /metadata/c, path: /metadata/annotations/c}\n"
                    + "        - {op: replace, path: /spec/type, value: NodePort}\n"),
            "Service");

    assertThat(service.at("/metadata/annotations").toString())
        .isEqualTo("{\"a\":\"b\",\"c\":\"b\"}");
    assertThat(service.at("/spec/type").asText()).isEqualTo("NodePort");
  }

  @Test
  void aRemoveOfAMissingPathPointsAtTheOperationWithSuggestion() throws Exception {
    assertThat(
            errors(
                "  patches:\n"
                    + "    - target: {kind: Deployment}\n"
                    + "      jsonPatch:\n"
                    + "        - {op: remove, path: /spec/revisionHistoryLimt}\n"))
        .singleElement()
        .asString()
        .startsWith(
            "minato.yaml:11:11: spec.patches[0].jsonPatch[0]: cannot remove /spec/revisionHistoryLimt in Deployment/shop:")
        .endsWith("did you mean 'revisionHistoryLimit'?");
  }

  @Test
  void aReplaceOfAMissingPathIsAnError() throws Exception {
    assertThat(
            errors(
                "  patches:\n"
                    + "    - target: {kind: Service}\n"
                    + "      jsonPatch: [{op: replace, path: /spec/clusterIP, value: None}]\n"))
        .singleElement()
        .asString()
        .startsWith(
            "minato.yaml:10:19: spec.patches[0].jsonPatch[0]: cannot replace /spec/clusterIP in Service/shop:");
  }

  @Test
  void aFailingTestOperationIsAnError() throws Exception {
    assertThat(
            errors(
                "  patches:\n"
                    + "    - target: {kind: Service}\n"
                    + "      jsonPatch: [{op: test, path: /spec/type, value: NodePort}]\n"))
        .singleElement()
        .asString()
        .startsWith(
            "minato.yaml:10:19: spec.patches[0].jsonPatch[0]: cannot test /spec/type in Service/shop:");
  }

  @Test
  void aTargetThatMatchesNothingNamesWhatWasRendered() throws Exception {
    assertThat(
            errors(
                "  patches:\n"
                    + "    - target: {kind: Deployment, name: shopp}\n"
                    + "      merge: {spec: {paused: true}}\n"
                    + "    - target: {kind: CronJob}\n"
                    + "      merge: {spec: {suspend: true}}\n"))
        .containsExactly(
            "minato.yaml:9:15: spec.patches[0].target: no Deployment named 'shopp'; rendered:"
                + " shop, did you mean 'shop'?",
            "minato.yaml:11:15: spec.patches[1].target: no CronJob is rendered for this spec;"
                + " minato renders: Service/shop, Deployment/shop, PodDisruptionBudget/shop,"
                + " ConfigMap/shop-dashboard");
  }

  @Test
  void anInheritedPatchIsSkippedWhereTheEnvironmentDoesNotRenderItsTarget() throws Exception {
    App app =
        app(
            "  replicas: {min: 2, max: 4}\n"
                + "  patches: [{target: {kind: HorizontalPodAutoscaler}, merge: {spec: {}}}]\n"
                + "environments:\n"
                + "  dev: {replicas: {min: 1, max: 1}}\n");
    Environment dev = app.environments().get(0);

    assertThat(AppObjects.render(app, dev.spec()))
        .extracting(o -> o.path("kind").asText())
        .doesNotContain("HorizontalPodAutoscaler");
  }

  @Test
  void aPatchCannotRenameItsTarget() throws Exception {
    assertThat(
            errors(
                "  patches:\n"
                    + "    - target: {kind: Service}\n"
                    + "      jsonPatch: [{op: replace, path: /metadata/name, value: other}]\n"))
        .singleElement()
        .asString()
        .contains("spec.patches[0]: a patch cannot change the apiVersion, kind or name");
  }

  @Test
  void extraObjectsComeAfterMinatosOwnAsWritten() throws Exception {
    List<ObjectNode> objects =
        render(
            "  extraObjects:\n"
                + "    - {apiVersion: v1, kind: ServiceAccount, metadata: {name: shop-reader}}\n");

    assertThat(objects.get(objects.size() - 1).toString())
        .isEqualTo(
            "{\"apiVersion\":\"v1\",\"kind\":\"ServiceAccount\",\"metadata\":{\"name\":\"shop-reader\"}}");
  }

  @Test
  void anExtraObjectThatCollidesWithMinatosSuggestsAPatch() throws Exception {
    assertThat(
            errors(
                "  extraObjects:\n"
                    + "    - {apiVersion: v1, kind: Service, metadata: {name: shop}}\n"))
        .containsExactly(
            "minato.yaml:9:7: spec.extraObjects[0]: minato already renders Service/shop for this"
                + " app; change it with patches instead, e.g. patches: [{target: {kind: Service},"
                + " merge: {…}}]");
  }
}
