package dev.minato.manifest.diff;

import static dev.minato.manifest.diff.Trees.yaml;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class FieldDiffTest {

  static final String DEPLOYMENT =
      """
      apiVersion: apps/v1
      kind: Deployment
      metadata:
        name: web
        labels: {app.kubernetes.io/name: web, tier: front}
      spec:
        replicas: 2
        template:
          spec:
            containers:
            - name: sidecar
              image: envoy:1.30
            - name: app
              image: registry/a:1
              args: [--port=80, --verbose]
              env:
              - {name: MODE, value: fast}
              - {name: DEBUG, value: "0"}
              ports:
              - {containerPort: 8080}
              - {containerPort: 9090}
      """;

  static List<String> lines(String before, String after) {
    return FieldDiff.between(yaml(before), yaml(after)).stream()
        .flatMap(change -> change.lines().stream())
        .toList();
  }

  @Test
  void equalTreesHaveNoChanges() {
    assertThat(FieldDiff.between(yaml(DEPLOYMENT), yaml(DEPLOYMENT))).isEmpty();
  }

  @Test
  void aChangedImageIsOneLineAtTheContainerNamedByItsMergeKey() {
    assertThat(lines(DEPLOYMENT, DEPLOYMENT.replace("registry/a:1", "registry/a:2")))
        .containsExactly("~ spec.template.spec.containers[app].image: registry/a:1 → registry/a:2");
  }

  @Test
  void reorderedContainersAreNotAChange() {
    String before = "containers: [{name: a, image: x}, {name: b, image: y}]";
    String after = "containers: [{name: b, image: y}, {name: a, image: x}]";
    assertThat(FieldDiff.between(yaml(before), yaml(after))).isEmpty();
  }

  @Test
  void addedAndRemovedFieldsAreMarked() {
    assertThat(
            lines(
                DEPLOYMENT,
                DEPLOYMENT
                    .replace("- {name: DEBUG, value: \"0\"}", "- {name: TRACE, value: \"1\"}")
                    .replace("tier: front", "team: shop")))
        .containsExactly(
            "+ metadata.labels.team: shop",
            "- metadata.labels.tier: front",
            "+ spec.template.spec.containers[app].env[TRACE]: {name: TRACE, value: \"1\"}",
            "- spec.template.spec.containers[app].env[DEBUG]: {name: DEBUG, value: \"0\"}");
  }

  @Test
  void keysWithDotsOrSlashesAreQuoted() {
    assertThat(lines(DEPLOYMENT, DEPLOYMENT.replace("name: web, tier", "name: shop, tier")))
        .containsExactly("~ metadata.labels[\"app.kubernetes.io/name\"]: web → shop");
  }

  @Test
  void portsWithoutNamesAreKeyedByContainerPort() {
    assertThat(
            lines(
                DEPLOYMENT,
                DEPLOYMENT.replace(
                    "{containerPort: 9090}", "{containerPort: 9090, protocol: UDP}")))
        .containsExactly(
            "+ spec.template.spec.containers[app].ports[containerPort=9090].protocol: UDP");
  }

  @Test
  void listsOfScalarsChangeAsOneValue() {
    assertThat(lines(DEPLOYMENT, DEPLOYMENT.replace("[--port=80, --verbose]", "[--port=81]")))
        .containsExactly(
            "~ spec.template.spec.containers[app].args: [--port=80, --verbose] → [--port=81]");
  }

  @Test
  void listsWithoutAMergeKeyArePairedByIndex() {
    assertThat(
            lines(
                "rules: [{host: a.example}, {host: b.example}]",
                "rules: [{host: a.example}, {host: c.example}, {host: d.example}]"))
        .containsExactly("~ rules[1].host: b.example → c.example", "+ rules[2]: {host: d.example}");
  }

  @Test
  void numbersAreComparedByValue() {
    assertThat(FieldDiff.between(yaml("cpu: 2"), yaml("cpu: 2.0"))).isEmpty();
  }

  @Test
  void stringsThatReadAsAnotherTypeAreQuoted() {
    assertThat(lines("a: '1'\nb: 'true'\nc: ''\nd: 256Mi", "a: 1\nb: true\nc: x\nd: 512Mi"))
        .containsExactly(
            "~ a: \"1\" → 1", "~ b: \"true\" → true", "~ c: \"\" → x", "~ d: 256Mi → 512Mi");
  }

  @Test
  void aMultiLineTextIsShownAsALineDiff() {
    assertThat(lines("data: {app.conf: \"a\\nb\\nc\\n\"}", "data: {app.conf: \"a\\nB\\nc\\n\"}"))
        .containsExactly(
            "~ data[\"app.conf\"]:", "    @@ -1,3 +1,3 @@", "     a", "    -b", "    +B", "     c");
  }

  @Test
  void anElementNameThatLooksLikeAnIndexIsQuoted() {
    assertThat(lines("containers: [{name: '0', image: a}]", "containers: [{name: '0', image: b}]"))
        .containsExactly("~ containers[\"0\"].image: a → b");
  }

  @Test
  void orderIsStableWhateverTheKeyOrderOfTheInput() {
    assertThat(lines("{b: 1, a: 1}", "{a: 2, b: 2}")).containsExactly("~ a: 1 → 2", "~ b: 1 → 2");
  }
}
