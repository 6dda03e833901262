package dev.minato.cli.check;

import static org.assertj.core.api.Assertions.assertThat;

import dev.minato.cli.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What generate produces from the bundled examples passes check with zero findings, at every
 * severity and in every profile: from the specs, as flat files, and overlay by overlay built with
 * the real kubectl kustomize.
 */
class GeneratedExamplesPassCheckTest {

  private static final String EXAMPLES = Path.of("..", "examples").toString();

  private static void assertNoFindings(CliRun run) {
    assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
    assertThat(run.out()).contains("0 errors, 0 warnings, 0 info");
  }

  /** A check configuration with nothing but the profile: every rule of it runs. */
  private static Path config(Path dir, String profile) throws Exception {
    Path file = dir.resolve("check.yaml");
    Files.writeString(file, "profile: " + profile + "\n");
    return file;
  }

  @ParameterizedTest
  @ValueSource(strings = {"default", "portable", "strict"})
  void theSpecsRenderedInMemoryHaveNoFindings(String profile, @TempDir Path dir) throws Exception {
    assertNoFindings(
        CliRun.of(
            "check",
            "--spec",
            EXAMPLES,
            "--fail-on",
            "info",
            "--config",
            config(dir, profile).toString()));
  }

  @ParameterizedTest
  @ValueSource(strings = {"default", "portable", "strict"})
  void theFlatFilesOfAllEnvironmentsTogetherHaveNoFindings(String profile, @TempDir Path dir)
      throws Exception {
    Path out = dir.resolve("flat");
    assertThat(
            CliRun.of("generate", "--flat", "-q", "-f", EXAMPLES, "-o", out.toString()).exitCode())
        .isZero();

    assertNoFindings(checkAtInfo(out, config(dir, profile)));
  }

  @ParameterizedTest
  @ValueSource(strings = {"default", "strict"})
  void generatesOwnOutputDirectoryCheckedAsItIsHasNoFindings(String profile, @TempDir Path dir)
      throws Exception {
    Path out = dir.resolve("manifests");
    assertThat(CliRun.of("generate", "-q", "-f", EXAMPLES, "-o", out.toString()).exitCode())
        .isZero();

    CliRun run = checkAtInfo(out, config(dir, profile));

    assertNoFindings(run);
    // Every overlay was built and no base file, patch or deletion stub was read as an object: the
    // same objects as the flat layout, which renders each environment directly.
    Path flat = dir.resolve("flat");
    assertThat(
            CliRun.of("generate", "--flat", "-q", "-f", EXAMPLES, "-o", flat.toString()).exitCode())
        .isZero();
    assertThat(objectCount(run)).isEqualTo(objectCount(checkAtInfo(flat, config(dir, profile))));
    assertThat(run.err()).doesNotContain("skipped");
  }

  private static CliRun checkAtInfo(Path target, Path config) {
    return CliRun.of(
        "check", target.toString(), "--fail-on", "info", "--config", config.toString());
  }

  /** N of the summary line "0 errors, 0 warnings, 0 info in N objects". */
  private static int objectCount(CliRun run) {
    String summary = run.out().strip();
    String tail = summary.substring(summary.lastIndexOf(" in ") + 4);
    return Integer.parseInt(tail.substring(0, tail.indexOf(' ')));
  }

  @Test
  void everyOverlayBuiltWithKustomizeHasNoFindings(@TempDir Path dir) throws Exception {
    Path out = dir.resolve("manifests");
    assertThat(CliRun.of("generate", "-q", "-f", EXAMPLES, "-o", out.toString()).exitCode())
        .isZero();
    List<Path> overlays;
    try (Stream<Path> paths = Files.walk(out)) {
      overlays =
          paths
              .filter(
                  p ->
                      p.getParent() != null
                          && p.getParent().getFileName().toString().equals("overlays"))
              .sorted()
              .toList();
    }
    assertThat(overlays).hasSizeGreaterThanOrEqualTo(10);
    for (Path overlay : overlays) {
      assertNoFindings(
          CliRun.of(
              "check",
              "-k",
              overlay.toString(),
              "--fail-on",
              "info",
              "--config",
              config(dir, "strict").toString()));
    }
  }
}
