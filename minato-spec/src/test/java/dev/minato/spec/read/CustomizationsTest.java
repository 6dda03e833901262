package dev.minato.spec.read;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.minato.spec.App;
import dev.minato.spec.Environment;
import dev.minato.spec.Patch;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The way out, as read: {@code patches} and {@code extraObjects}, at the base and per environment.
 */
class CustomizationsTest {

  private static final String VALID =
      SpecReaderDefaultsTest.HEADER
          + "spec:\n  image: shop:1.0\n  port: 8080\n  resources: {cpu: 500m, memory: 256Mi}\n";

  private static List<String> errors(String text) {
    SpecException e =
        catchThrowableOfType(SpecException.class, () -> SpecReader.read("minato.yaml", text));
    assertThat(e).as("expected errors for:%n%s", text).isNotNull();
    return e.errors().stream().map(SpecError::toString).toList();
  }

  private static App app(String text) throws SpecException {
    return SpecReader.read("minato.yaml", text).get(0);
  }

  @Test
  void readsAJsonPatchAndAMergeWithTheirTargets() throws Exception {
    App app =
        app(
            VALID
                + "  patches:\n"
                + "    - target: {kind: deployment}\n"
                + "      jsonPatch: [{op: add, path: /metadata/annotations, value: {a: b}}]\n"
                + "    - target: {kind: Service, name: shop}\n"
                + "      merge: {metadata: {labels: {tier: front}}}\n");

    List<Patch> patches = app.spec().patches();
    assertThat(patches).hasSize(2);
    assertThat(patches.get(0).kind()).isEqualTo("Deployment");
    assertThat(patches.get(0).name()).isEmpty();
    assertThat(patches.get(0).operations())
        .singleElement()
        .extracting(Patch.Operation::op)
        .isEqualTo("add");
    assertThat(patches.get(0).operations().get(0).position().toString())
        .isEqualTo("minato.yaml:11:19");
    assertThat(patches.get(1).name()).contains("shop");
    assertThat(patches.get(1).merge().orElseThrow().toString())
        .isEqualTo("{\"metadata\":{\"labels\":{\"tier\":\"front\"}}}");
  }

  @Test
  void anEnvironmentAddsItsPatchesAndObjectsAfterTheBaseOnes() throws Exception {
    App app =
        app(
            VALID
                + "  patches: [{target: {kind: Service}, merge: {metadata: {labels: {a: b}}}}]\n"
                + "  extraObjects: [{apiVersion: v1, kind: ServiceAccount, metadata: {name: a}}]\n"
                + "environments:\n"
                + "  stg: {}\n"
                + "  prd:\n"
                + "    patches: [{target: {kind: Deployment}, merge: {spec: {paused: false}}}]\n"
                + "    extraObjects: [{apiVersion: v1, kind: ServiceAccount, metadata: {name: b}}]\n");

    Environment stg = app.environments().get(0);
    Environment prd = app.environments().get(1);
    assertThat(stg.spec().patches()).extracting(Patch::kind).containsExactly("Service");
    assertThat(stg.spec().patches()).allMatch(Patch::inherited);
    assertThat(prd.spec().patches())
        .extracting(Patch::kind)
        .containsExactly("Service", "Deployment");
    assertThat(prd.spec().patches()).extracting(Patch::inherited).containsExactly(true, false);
    assertThat(prd.spec().patches().get(1).field()).isEqualTo("environments.prd.patches[0]");
    assertThat(prd.spec().extraObjects()).extracting(e -> e.name()).containsExactly("a", "b");
    assertThat(app.spec().patches()).noneMatch(Patch::inherited);
  }

  @Test
  void rejectsPatchesThatAreNotAList() {
    assertThat(errors(VALID + "  patches: {target: {kind: Service}}\n"))
        .containsExactly("minato.yaml:9:12: spec.patches: expected a list, found a mapping");
  }

  @Test
  void rejectsAnUnknownTargetKindWithSuggestion() {
    assertThat(errors(VALID + "  patches: [{target: {kind: Deploymnet}, merge: {}}]\n"))
        .singleElement()
        .asString()
        .startsWith("minato.yaml:9:29: spec.patches[0].target.kind: expected one of ConfigMap,")
        .endsWith("found 'Deploymnet', did you mean 'Deployment'?");
  }

  @Test
  void rejectsAnUnknownFieldOfAPatchWithSuggestion() {
    assertThat(
            errors(
                VALID
                    + "  patches:\n    - target: {kind: Service}\n"
                    + "      jsonpatch: [{op: remove, path: /spec/type}]\n"))
        .containsExactly(
            "minato.yaml:10:7: spec.patches[0]: a patch needs jsonPatch (RFC 6902 operations) or"
                + " merge (a partial object)",
            "minato.yaml:11:7: spec.patches[0].jsonpatch: unknown field 'jsonpatch', did you mean"
                + " 'jsonPatch'?");
  }

  @Test
  void rejectsAnInvalidOperationNameWithSuggestion() {
    assertThat(
            errors(
                VALID
                    + "  patches:\n    - target: {kind: Service}\n"
                    + "      jsonPatch: [{op: replac, path: /spec/type, value: NodePort}]\n"))
        .containsExactly(
            "minato.yaml:11:24: spec.patches[0].jsonPatch[0].op: expected one of add, remove,"
                + " replace, move, copy, test (RFC 6902), found 'replac', did you mean 'replace'?");
  }

  @Test
  void rejectsAnAddWithoutValueAndAPathThatIsNoPointer() {
    assertThat(
            errors(
                VALID
                    + "  patches:\n    - target: {kind: Service}\n"
                    + "      jsonPatch:\n"
                    + "        - {op: add, path: /metadata/labels/x}\n"
                    + "        - {op: remove, path: spec/type}\n"))
        .containsExactly(
            "minato.yaml:12:11: spec.patches[0].jsonPatch[0]: 'add' needs value, e.g. value:"
                + " {name: proxy}",
            "minato.yaml:13:30: spec.patches[0].jsonPatch[1].path: expected a JSON pointer"
                + " starting with '/', e.g. /spec/replicas, found 'spec/type'");
  }

  @Test
  void rejectsAMergeThatIsNotAMapping() {
    assertThat(errors(VALID + "  patches: [{target: {kind: Service}, merge: [a]}]\n"))
        .singleElement()
        .asString()
        .startsWith("minato.yaml:9:46: spec.patches[0].merge: expected a mapping shaped like")
        .endsWith("found a list");
  }

  @Test
  void rejectsAPatchWithBothForms() {
    assertThat(
            errors(
                VALID
                    + "  patches: [{target: {kind: Service}, merge: {}, jsonPatch: [{op: remove,"
                    + " path: /spec/type}]}]\n"))
        .singleElement()
        .asString()
        .contains("a patch is either jsonPatch or merge, not both");
  }

  @Test
  void rejectsAnExtraObjectWithoutKindOrName() {
    assertThat(
            errors(
                VALID
                    + "  extraObjects:\n"
                    + "    - apiVersion: v1\n"
                    + "      metadata: {labels: {a: b}}\n"))
        .containsExactly(
            "minato.yaml:10:7: spec.extraObjects[0]: missing required field 'kind', e.g. kind:"
                + " NetworkPolicy",
            "minato.yaml:11:17: spec.extraObjects[0].metadata: missing required field 'name', e.g."
                + " name: shop-api-ingress");
  }

  @Test
  void rejectsAnExtraObjectWithItsOwnNamespace() {
    assertThat(
            errors(
                VALID
                    + "  extraObjects: [{apiVersion: v1, kind: ServiceAccount,"
                    + " metadata: {name: a, namespace: other}}]\n"))
        .singleElement()
        .asString()
        .contains("spec.extraObjects[0].metadata.namespace: an extra object goes to the app's");
  }

  @Test
  void anEnvironmentsPatchErrorPointsIntoThatEnvironment() {
    assertThat(
            errors(
                VALID
                    + "environments:\n"
                    + "  prd:\n"
                    + "    patches: [{target: {kind: Servise}, merge: {}}]\n"))
        .singleElement()
        .asString()
        .startsWith("minato.yaml:11:31: environments.prd.patches[0].target.kind: expected one of")
        .endsWith("did you mean 'Service'?");
  }
}
