package dev.minato.check.suppression;

import static dev.minato.check.Fixture.WEB;
import static dev.minato.check.Fixture.check;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.minato.check.CheckResult;
import dev.minato.check.Finding;
import dev.minato.manifest.ManifestException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BaselineTest {

  private static final String OLD = WEB.replace("example/web:1.0", "example/web:latest");

  @Test
  void fingerprintSurvivesUnrelatedEditsThatMoveLines() {
    Finding before = check(OLD).findings().get(0);
    String moved =
        "# a comment\n# and another\n"
            + OLD.replace(
                "      containers:",
                "      containers:\n        - {name: sidecar, image: envoy:1.30, resources: {requests: {cpu: 1, memory: 1Gi}, limits: {memory: 1Gi}}, securityContext: {allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: {drop: [ALL]}}}");
    Finding after = check(moved).findings().get(0);

    assertThat(after.position().line()).isNotEqualTo(before.position().line());
    assertThat(after.fingerprint()).isEqualTo(before.fingerprint());
  }

  @Test
  void fingerprintDiffersPerRuleObjectAndField() {
    String two = OLD.replace(", limits: {memory: 128Mi}", "");
    assertThat(check(two).findings())
        .extracting(Finding::fingerprint)
        .doesNotHaveDuplicates()
        .hasSize(2);
    String renamed = OLD.replace("name: web\n", "name: api\n");
    assertThat(check(renamed).findings().get(0).fingerprint())
        .isNotEqualTo(check(OLD).findings().get(0).fingerprint());
  }

  @Test
  void baselineHidesKnownFindingsButNotNewOnes(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("baseline.json");
    Files.writeString(file, Baseline.render(check(OLD).findings()));
    Baseline baseline = Baseline.read(file);

    CheckResult later =
        check(OLD.replace(", limits: {memory: 128Mi}", "")).without(baseline::contains);

    assertThat(baseline.size()).isEqualTo(1);
    assertThat(later.findings()).extracting(Finding::ruleId).containsExactly("memory-limit");
  }

  @Test
  void baselineFileIsReadableAndSorted() {
    String text = Baseline.render(check(OLD.replace(", limits: {memory: 128Mi}", "")).findings());

    assertThat(text)
        .contains("\"rule\" : \"image-tag-pinned\"", "\"object\" : \"apps:Deployment/web\"")
        .contains("\"field\" : \"spec.template.spec.containers[app].image\"");
    assertThat(text.indexOf("image-tag-pinned")).isLessThan(text.indexOf("memory-limit"));
  }

  @Test
  void rejectsAFileThatIsNotABaseline(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("baseline.json");
    Files.writeString(file, "{\"findings\": [{\"rule\": \"x\"}]}\n");

    assertThatThrownBy(() -> Baseline.read(file))
        .isInstanceOf(ManifestException.class)
        .hasMessageContaining("no 'fingerprint'")
        .satisfies(e -> assertThat(((ManifestException) e).position().line()).isEqualTo(1));
  }
}
