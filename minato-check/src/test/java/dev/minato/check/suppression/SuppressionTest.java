package dev.minato.check.suppression;

import static dev.minato.check.Fixture.WEB;
import static dev.minato.check.Fixture.check;
import static org.assertj.core.api.Assertions.assertThat;

import dev.minato.check.CheckResult;
import dev.minato.check.Finding;
import org.junit.jupiter.api.Test;

class SuppressionTest {

  /** WEB with a latest tag and an annotation suppressing image-tag-pinned with {@code value}. */
  private static CheckResult suppressed(String value) {
    return check(
        WEB.replace("example/web:1.0", "example/web:latest")
            .replace(
                "  labels: {app: web, minato.dev/migration-policy: duplicate-ok}",
                "  labels: {app: web, minato.dev/migration-policy: duplicate-ok}\n"
                    + "  annotations: {ignore.minato.dev/image-tag-pinned: \""
                    + value
                    + "\"}"));
  }

  @Test
  void annotationWithReasonSuppresses() {
    CheckResult result = suppressed("vendor ships only latest");

    assertThat(result.findings()).isEmpty();
    assertThat(result.suppressed())
        .singleElement()
        .satisfies(s -> assertThat(s.suppression().reason()).isEqualTo("vendor ships only latest"));
  }

  @Test
  void suppressionHoldsThroughItsLastDay() {
    assertThat(suppressed("vendor ships only latest until 2026-06-01").findings()).isEmpty();
  }

  @Test
  void expiredSuppressionStopsSuppressingAndSaysSo() {
    CheckResult result = suppressed("vendor ships only latest until 2026-05-31");

    assertThat(result.suppressed()).isEmpty();
    assertThat(result.findings())
        .singleElement()
        .extracting(Finding::message)
        .asString()
        .endsWith("(suppression expired on 2026-05-31: vendor ships only latest)");
  }

  @Test
  void suppressionWithoutReasonIsRejected() {
    CheckResult result = suppressed("until 2027-01-01");

    assertThat(result.findings())
        .extracting(Finding::ruleId)
        .containsExactlyInAnyOrder("image-tag-pinned", "invalid-suppression");
    assertThat(result.findings())
        .filteredOn(f -> f.ruleId().equals("invalid-suppression"))
        .singleElement()
        .satisfies(f -> assertThat(f.message()).contains("a reason is required"));
  }

  @Test
  void suppressionWithBadDateIsRejected() {
    assertThat(suppressed("legacy until 31.12.2026").findings())
        .filteredOn(f -> f.ruleId().equals("invalid-suppression"))
        .singleElement()
        .satisfies(f -> assertThat(f.message()).contains("expiry '31.12.2026' is not a date"));
  }

  @Test
  void suppressionOfUnknownRuleSuggestsTheClosest() {
    String yaml =
        WEB.replace(
            "  labels: {app: web, minato.dev/migration-policy: duplicate-ok}",
            "  labels: {app: web, minato.dev/migration-policy: duplicate-ok}\n"
                + "  annotations: {ignore.minato.dev/image-tag-pined: \"reason\"}");

    assertThat(check(yaml).findings())
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.ruleId()).isEqualTo("invalid-suppression");
              assertThat(f.message()).contains("did you mean 'image-tag-pinned'?");
              assertThat(f.position().line()).isEqualTo(6);
            });
  }

  @Test
  void suppressionOnlyCoversItsOwnRule() {
    CheckResult result =
        check(
            WEB.replace("example/web:1.0", "example/web:latest")
                .replace(", limits: {memory: 128Mi}", "")
                .replace(
                    "  labels: {app: web, minato.dev/migration-policy: duplicate-ok}",
                    "  labels: {app: web, minato.dev/migration-policy: duplicate-ok}\n"
                        + "  annotations: {ignore.minato.dev/memory-limit: \"batch tool\"}"));

    assertThat(result.findings()).extracting(Finding::ruleId).containsExactly("image-tag-pinned");
    assertThat(result.suppressed())
        .extracting(s -> s.finding().ruleId())
        .containsExactly("memory-limit");
  }
}
