package dev.minato.manifest.diff;

import static dev.minato.manifest.diff.Trees.yaml;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class ObjectDiffTest {

  static final String SECRET =
      """
      apiVersion: v1
      kind: Secret
      metadata:
        name: db
        annotations:
          kubectl.kubernetes.io/last-applied-configuration: '{"stringData":{"password":"hunter2"}}'
      data: {token: aHVudGVyMg==}
      stringData: {password: hunter2}
      """;

  static String base64(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }

  /** No plaintext, base64 or the last-applied copy of either value may appear. */
  static void assertHidesBoth(String rendered, String... values) {
    for (String value : values) {
      assertThat(rendered).doesNotContain(value).doesNotContain(base64(value));
    }
  }

  @Test
  void rendersAHeaderAndOneIndentedLinePerField() {
    String before = "kind: ConfigMap\ndata: {mode: fast, size: '1'}";
    String after = "kind: ConfigMap\ndata: {mode: slow}";
    assertThat(ObjectDiff.changed("ConfigMap/shop/settings", yaml(before), yaml(after)).render())
        .isEqualTo(
            "~ ConfigMap/shop/settings\n"
                + "    ~ data.mode: fast → slow\n"
                + "    - data.size: \"1\"\n");
  }

  @Test
  void anUnchangedObjectRendersNothing() {
    ObjectDiff diff = ObjectDiff.changed("ConfigMap/a", yaml("data: {a: b}"), yaml("data: {a: b}"));
    assertThat(diff.isEmpty()).isTrue();
    assertThat(diff.render()).isEmpty();
  }

  @Test
  void createdAndDeletedObjectsAreOneLineEach() {
    assertThat(ObjectDiff.created("ConfigMap/shop/a").render())
        .isEqualTo("+ ConfigMap/shop/a (created)\n");
    assertThat(ObjectDiff.deleted("Secret/shop/db", "deleted by --prune").render())
        .isEqualTo("- Secret/shop/db (deleted by --prune)\n");
  }

  @Test
  void aChangedSecretValueIsShownChangedButHidden() {
    String after = SECRET.replace("hunter2", "swordfish").replace(base64("hunter2"), base64("x"));
    String rendered = ObjectDiff.changed("Secret/shop/db", yaml(SECRET), yaml(after)).render();
    assertThat(rendered)
        .contains("~ data.token: *** (before) → *** (after)")
        .contains("~ stringData.password: *** (before) → *** (after)");
    assertHidesBoth(rendered, "hunter2", "swordfish", "x");
  }

  @Test
  void secretDataAddedOrRemovedWholeIsHidden() {
    String empty = "apiVersion: v1\nkind: Secret\nmetadata: {name: db}\n";
    String added = ObjectDiff.changed("Secret/db", yaml(empty), yaml(SECRET)).render();
    String removed = ObjectDiff.changed("Secret/db", yaml(SECRET), yaml(empty)).render();
    assertThat(added).contains("+ data: {token: *** (after)}");
    assertThat(removed).contains("- stringData: {password: *** (before)}");
    assertHidesBoth(added + removed, "hunter2");
  }

  @Test
  void malformedSecretDataIsHiddenWhole() {
    String before = "kind: Secret\ndata: hunter2\nstringData: [hunter2]";
    String after = "kind: Secret\ndata: {nested: {deep: hunter2}}";
    String rendered = ObjectDiff.changed("Secret/db", yaml(before), yaml(after)).render();
    assertThat(rendered).contains("~ data: *** (before) → *** (after)");
    assertHidesBoth(rendered, "hunter2");
  }

  @Test
  void aSecretBecomingAnotherKindIsStillMasked() {
    String rendered =
        ObjectDiff.changed(
                "x", yaml(SECRET), yaml(SECRET.replace("kind: Secret", "kind: ConfigMap")))
            .render();
    assertThat(rendered).contains("~ kind: Secret → ConfigMap");
    assertHidesBoth(rendered, "hunter2");
  }

  @Test
  void driftIgnoresWhatTheServerAddedAndShowsTheChangeTowardsTheRepository() {
    String live =
        """
        kind: Deployment
        metadata: {name: web, uid: abc, generation: 3}
        spec:
          replicas: 2
          template:
            spec:
              containers:
              - {name: app, image: registry/a:2, imagePullPolicy: IfNotPresent}
        status: {readyReplicas: 2}
        """;
    String desired =
        """
        kind: Deployment
        metadata: {name: web}
        spec:
          template:
            spec:
              containers:
              - {name: app, image: registry/a:1}
        """;
    assertThat(ObjectDiff.drifted("Deployment/shop/web", yaml(live), yaml(desired)).fields())
        .extracting(FieldChange::toString)
        .containsExactly("~ spec.template.spec.containers[app].image: registry/a:2 → registry/a:1");
  }

  @Test
  void driftReportsAContainerAddedByHand() {
    String desired = "kind: Deployment\nspec: {containers: [{name: app, image: a}]}";
    String live =
        "kind: Deployment\nspec: {containers: [{name: app, image: a}, {name: debug, image: b}]}";
    assertThat(ObjectDiff.drifted("d", yaml(live), yaml(desired)).fields())
        .extracting(FieldChange::toString)
        .containsExactly("- spec.containers[debug]: {name: debug, image: b}");
  }

  @Test
  void driftComparesStringDataAsTheDataTheServerStores() {
    String live = "kind: Secret\ndata: {password: " + base64("hunter2") + "}";
    String desired = "kind: Secret\nstringData: {password: hunter2}";
    assertThat(ObjectDiff.drifted("Secret/db", yaml(live), yaml(desired)).isEmpty()).isTrue();
    String changed =
        ObjectDiff.drifted("Secret/db", yaml(live), yaml(desired.replace("hunter2", "other")))
            .render();
    assertThat(changed).contains("~ data.password: *** (before) → *** (after)");
    assertHidesBoth(changed, "hunter2", "other");
  }

  @Test
  void driftComparesStringDataAsItIsWhenTheLiveObjectKeptIt() {
    String secret = "kind: Secret\nstringData: {password: hunter2}";
    assertThat(ObjectDiff.drifted("Secret/db", yaml(secret), yaml(secret)).isEmpty()).isTrue();
  }
}
