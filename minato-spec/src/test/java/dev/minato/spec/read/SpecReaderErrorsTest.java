package dev.minato.spec.read;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpecReaderErrorsTest {

  private static final String HEADER = SpecReaderDefaultsTest.HEADER;

  static List<String> errors(String text) {
    SpecException e =
        catchThrowableOfType(SpecException.class, () -> SpecReader.read("minato.yaml", text));
    assertThat(e).as("expected errors for:%n%s", text).isNotNull();
    return e.errors().stream().map(SpecError::toString).toList();
  }

  private static List<String> specErrors(String spec) {
    return errors(HEADER + "spec:\n" + spec);
  }

  private static final String VALID =
      "  image: shop:1.0\n  port: 8080\n  resources: {cpu: 500m, memory: 256Mi}\n";

  @Test
  void rejectsAnUnknownFieldWithSuggestionAtTheKey() {
    assertThat(specErrors(VALID + "  replica: {min: 2}\n"))
        .containsExactly(
            "minato.yaml:9:3: spec.replica: unknown field 'replica', did you mean 'replicas'?");
  }

  @Test
  void rejectsUnknownFieldsInNestedSections() {
    assertThat(specErrors(VALID + "  shutdown: {drainSecond: 5}\n"))
        .singleElement()
        .asString()
        .contains(
            "spec.shutdown.drainSecond: unknown field 'drainSecond', did you mean 'drainSeconds'?");
  }

  @Test
  void rejectsTheLatestTagWithSuggestion() {
    assertThat(specErrors(VALID.replace("shop:1.0", "shop:latest")))
        .singleElement()
        .asString()
        .startsWith("minato.yaml:6:10: spec.image: image 'shop:latest' uses the 'latest' tag")
        .contains("e.g. 'shop:1.0.0'");
  }

  @Test
  void rejectsAnImageWithoutTag() {
    assertThat(specErrors(VALID.replace("shop:1.0", "registry:5000/shop")))
        .singleElement()
        .asString()
        .contains("has no tag")
        .contains("'registry:5000/shop:1.0.0'");
  }

  @Test
  void rejectsAnInvalidQuantityWithExamples() {
    assertThat(specErrors(VALID.replace("cpu: 500m", "cpu: two")))
        .singleElement()
        .asString()
        .isEqualTo(
            "minato.yaml:8:20: spec.resources.cpu: 'two' is not a quantity: it does not start with"
                + " a number; expected a number with an optional suffix (n, u, m, k, M, G, T, P, E,"
                + " Ki, Mi, Gi, Ti, Pi, Ei) or exponent (e3), e.g. '500m' (half a core) or '2'");
  }

  /** Kubernetes reads a negative quantity; a request must still be more than zero. */
  @Test
  void rejectsANegativeRequestAsNotMoreThanZero() {
    assertThat(specErrors(VALID.replace("cpu: 500m", "cpu: -500m")))
        .singleElement()
        .asString()
        .contains("must be more than zero, found '-500m'");
  }

  @Test
  void rejectsAMemoryRequestInBytesSuggestingMebibytes() {
    assertThat(specErrors(VALID.replace("memory: 256Mi", "memory: 256")))
        .singleElement()
        .asString()
        .contains("'256' is 256 bytes; did you mean '256Mi'?");
  }

  @Test
  void rejectsWrongTypes() {
    assertThat(specErrors(VALID.replace("port: 8080", "port: web")))
        .singleElement()
        .asString()
        .isEqualTo(
            "minato.yaml:7:9: spec.port: expected a whole number from 1 to 65535, found 'web'");
  }

  @Test
  void rejectsABadNameWithACorrectedSuggestion() {
    assertThat(errors(HEADER.replace("name: shop", "name: Shop_API") + "spec:\n" + VALID))
        .singleElement()
        .asString()
        .startsWith("minato.yaml:4:9: metadata.name: 'Shop_API' is not a valid name")
        .endsWith("e.g. 'shop-api'");
  }

  @Test
  void rejectsAnInvalidCronScheduleNamingTheField() {
    String jobs = "  jobs:\n    - {name: n, schedule: '61 * * * *'}\n";
    assertThat(specErrors(VALID + jobs))
        .singleElement()
        .asString()
        .contains("spec.jobs[0].schedule: invalid cron schedule '61 * * * *': minute: '61'");
  }

  @Test
  void rejectsACronScheduleWithTheWrongNumberOfFields() {
    String jobs = "  jobs:\n    - {name: n, schedule: '0 3 * *'}\n";
    assertThat(specErrors(VALID + jobs))
        .singleElement()
        .asString()
        .contains("expected 5 fields")
        .contains("found 4");
  }

  @Test
  void acceptsCronNamesRangesStepsAndMacros() throws Exception {
    for (String schedule :
        List.of("*/15 0-6,22-23 * JAN-MAR MON-FRI", "0 0 1 */2 *", "@hourly", "5 4 * * 7")) {
      assertThat(CronSchedule.problem(schedule)).as(schedule).isEmpty();
    }
    assertThat(CronSchedule.problem("CRON_TZ=UTC 0 3 * * *")).get().asString().contains("timeZone");
    assertThat(CronSchedule.problem("5-1 * * * *")).get().asString().contains("backwards");
  }

  @Test
  void reportsMalformedYamlWithItsPosition() {
    assertThat(errors(HEADER + "spec:\n  image: [a\n  port: 1\n"))
        .singleElement()
        .asString()
        .startsWith("minato.yaml:")
        .contains("invalid YAML");
  }

  @Test
  void reportsEveryErrorOfAFileAtOnce() {
    assertThat(
            errors(
                "apiVersion: minato.dev/v2\nkind: Ap\nmetadata: {name: x}\nspec:\n"
                    + "  image: x:latest\n  port: 0\n  resources: {cpu: -1, memory: lots}\n"))
        .hasSize(6)
        .anySatisfy(e -> assertThat(e).contains("expected 'minato.dev/v1'"))
        .anySatisfy(e -> assertThat(e).contains("did you mean 'App'?"))
        .anySatisfy(e -> assertThat(e).contains("spec.port"))
        .anySatisfy(e -> assertThat(e).contains("spec.resources.cpu"))
        .anySatisfy(e -> assertThat(e).contains("spec.resources.memory"));
  }

  @Test
  void anErrorInAnEnvironmentOverridePointsAtTheOverride() {
    List<String> errors =
        errors(HEADER + "spec:\n" + VALID + "environments:\n  prd:\n    resources: {cpu: lots}\n");

    assertThat(errors)
        .singleElement()
        .asString()
        .startsWith("minato.yaml:11:22: environments.prd.resources.cpu: 'lots' is not a quantity");
  }

  @Test
  void aBaseErrorIsReportedOnceEvenWithEnvironments() {
    List<String> errors =
        errors(
            HEADER + "spec:\n" + VALID.replace("500m", "x") + "environments:\n  a: {}\n  b: {}\n");

    assertThat(errors).hasSize(1);
  }

  @Test
  void rejectsMissingRequiredFieldsWithAnExample() {
    assertThat(specErrors("  port: 8080\n"))
        .anySatisfy(e -> assertThat(e).contains("missing required field 'image'"))
        .anySatisfy(e -> assertThat(e).contains("missing required field 'resources'"));
  }

  @Test
  void rejectsANodePortWithoutTheNodePortType() {
    assertThat(specErrors(VALID + "  expose: {nodePort: 30080}\n"))
        .singleElement()
        .asString()
        .contains("nodePort needs expose.type: NodePort");
  }

  @Test
  void rejectsANodePortThatIsNeitherANumberNorAuto() {
    assertThat(specErrors(VALID + "  expose: {type: NodePort, nodePort: any}\n"))
        .singleElement()
        .asString()
        .contains("expected a port number or auto, found 'any'");
  }

  @Test
  void suggestsTheClosestChoiceForAMisspeltEnumValue() {
    assertThat(specErrors(VALID + "  expose: {type: Nodeport2}\n"))
        .singleElement()
        .asString()
        .contains("did you mean 'NodePort'?");
  }

  @Test
  void rejectsRelaxedHardeningWithoutAReason() {
    assertThat(specErrors(VALID + "  security: {readOnlyRootFilesystem: false}\n"))
        .singleElement()
        .asString()
        .contains("needs a reason");
  }

  @Test
  void rejectsAPdbThatWouldBlockEveryDrain() {
    assertThat(specErrors(VALID + "  disruption: {maxUnavailable: 0}\n"))
        .singleElement()
        .asString()
        .contains("would block every node drain");
  }

  @Test
  void rejectsADowntimeOkJobThatMayOverlapItself() {
    String jobs = "  jobs:\n    - {name: n, schedule: '@daily', concurrency: Allow}\n";
    assertThat(specErrors(VALID + jobs))
        .singleElement()
        .asString()
        .contains("must never run twice at once");
  }

  @Test
  void rejectsAnUnknownTimeZone() {
    String jobs = "  jobs:\n    - {name: n, schedule: '@daily', timeZone: Mars/Olympus}\n";
    assertThat(specErrors(VALID + jobs)).singleElement().asString().contains("unknown time zone");
  }

  @Test
  void rejectsHttpSettingsOnAWorker() {
    assertThat(
            specErrors(
                "  image: w:1\n  resources: {cpu: 1, memory: 1Gi}\n  expose: {type: NodePort}\n"))
        .singleElement()
        .asString()
        .contains("only a web app");
  }

  @Test
  void rejectsDuplicateKeys() {
    assertThat(specErrors(VALID + "  port: 9090\n"))
        .singleElement()
        .asString()
        .contains("duplicate key 'port'");
  }

  @Test
  void rejectsAMissingFileAndAnEmptyDirectory(@TempDir Path dir) {
    SpecException e =
        catchThrowableOfType(
            SpecException.class, () -> SpecLoader.load(List.of(dir.resolve("nope.yaml"), dir)));

    assertThat(e.errors())
        .extracting(SpecError::toString)
        .containsExactly(
            dir.resolve("nope.yaml") + ": no such file or directory",
            dir + ": no minato.yaml (or *.minato.yaml) found in this directory");
  }

  @Test
  void rejectsTwoAppsWithTheSameName(@TempDir Path dir) throws Exception {
    String spec = HEADER + "spec:\n" + VALID;
    Files.createDirectories(dir.resolve("a"));
    Files.createDirectories(dir.resolve("b"));
    Files.writeString(dir.resolve("a/minato.yaml"), spec);
    Files.writeString(dir.resolve("b/minato.yaml"), spec);

    SpecException e =
        catchThrowableOfType(SpecException.class, () -> SpecLoader.load(List.of(dir)));

    assertThat(e.errors())
        .singleElement()
        .asString()
        .contains("app 'shop' is also defined at " + dir.resolve("a/minato.yaml"));
  }

  @Test
  void findsSpecFilesByConventionAndSkipsHiddenAndBuildDirectories(@TempDir Path dir)
      throws Exception {
    for (String path :
        List.of(
            "a/minato.yaml",
            "b/web.minato.yml",
            ".git/minato.yaml",
            "target/minato.yaml",
            "c/other.yaml")) {
      Files.createDirectories(dir.resolve(path).getParent());
      Files.writeString(dir.resolve(path), "x");
    }

    assertThat(SpecFiles.find(dir))
        .containsExactly(dir.resolve("a/minato.yaml"), dir.resolve("b/web.minato.yml"));
  }

  @Test
  void aLatestImageTagOverrideIsReportedAtTheOverride() {
    assertThat(errors(HEADER + "spec:\n" + VALID + "environments:\n  prd:\n    imageTag: latest\n"))
        .singleElement()
        .asString()
        .startsWith(
            "minato.yaml:11:15: environments.prd.imageTag: image 'shop:latest' uses the 'latest' tag");
  }
}
