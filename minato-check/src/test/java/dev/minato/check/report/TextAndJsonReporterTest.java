package dev.minato.check.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class TextAndJsonReporterTest {

  @Test
  void textGroupsFindingsByFileWithPositions() {
    String text = Reports.render(new TextReporter(false), Reports.report());

    assertThat(text)
        .startsWith(
            "dir with space/broken.yaml\n  dir with space/broken.yaml:3:7  error   input  invalid YAML: oops\n")
        .contains("\ntest.yaml\n  test.yaml:18:18")
        .contains(
            "error   image-tag-pinned  Deployment/web container 'app' image 'example/web:latest'")
        .endsWith("2 errors, 0 warnings, 0 info in 2 objects (1 suppressed); 1 input error\n")
        .doesNotContain("\u001b[");
  }

  @Test
  void textUsesColourOnlyWhenAsked() {
    assertThat(Reports.render(new TextReporter(true), Reports.report()))
        .contains("\u001b[31merror");
  }

  @Test
  void jsonListsFindingsWithFingerprintsAndSummary() throws Exception {
    JsonNode json =
        new ObjectMapper().readTree(Reports.render(new JsonReporter(), Reports.report()));

    assertThat(json.at("/summary/errors").asInt()).isEqualTo(2);
    assertThat(json.at("/summary/suppressed").asInt()).isEqualTo(1);
    assertThat(json.at("/findings/0/rule").asText()).isEqualTo("image-tag-pinned");
    assertThat(json.at("/findings/0/object/kind").asText()).isEqualTo("Deployment");
    assertThat(json.at("/findings/0/field").asText())
        .isEqualTo("spec.template.spec.containers[app].image");
    assertThat(json.at("/findings/0/fingerprint").asText()).hasSize(32);
    assertThat(json.at("/suppressed/0/until").asText()).isEqualTo("2027-01-01");
    assertThat(json.at("/inputErrors/0/line").asInt()).isEqualTo(3);
  }

  @Test
  void githubWritesOneWorkflowCommandPerFindingWithEscapedProperties() {
    String text = Reports.render(new GithubReporter(), Reports.report());

    assertThat(text)
        .startsWith(
            "::error file=dir with space/broken.yaml,line=3,col=7,title=input::invalid YAML: oops\n")
        .contains("::error file=test.yaml,line=18,col=18,title=image-tag-pinned::Deployment/web")
        .endsWith("2 errors, 0 warnings, 0 info in 2 objects (1 suppressed); 1 input error\n");
    assertThat(text.lines().filter(line -> line.startsWith("::"))).hasSize(3);
  }
}
