package dev.minato.check.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.minato.check.Profile;
import dev.minato.check.Severity;
import dev.minato.check.rules.Catalog;
import dev.minato.manifest.ManifestException;
import dev.minato.manifest.nodeport.NodePortRange;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckConfigReaderTest {

  @TempDir Path dir;

  private CheckConfig read(String yaml) throws Exception {
    Path file = dir.resolve("check.yaml");
    Files.writeString(file, yaml);
    return new CheckConfigReader(Catalog.ids()).read(file);
  }

  private ManifestException failure(String yaml) {
    Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(() -> read(yaml));
    assertThat(thrown).isInstanceOf(ManifestException.class);
    return (ManifestException) thrown;
  }

  @Test
  void readsEveryField() throws Exception {
    CheckConfig config =
        read(
            """
            profile: portable
            disabledRules: [memory-limit]
            severities: {liveness-probe: error}
            clusterNames: [prod-eu-1]
            nodePortRange: 31000-31999
            maxWorkersPerCpu: 2.5
            gracePeriodMarginSeconds: 3
            platformNamespaces: [data]
            productionEnvironments: [live]
            """);

    assertThat(config.profile()).isEqualTo(Profile.PORTABLE);
    assertThat(config.disabledRules()).containsExactly("memory-limit");
    assertThat(config.severityOverrides()).containsEntry("liveness-probe", Severity.ERROR);
    assertThat(config.clusterNames()).containsExactly("prod-eu-1");
    assertThat(config.nodePortRange()).isEqualTo(new NodePortRange(31000, 31999));
    assertThat(config.maxWorkersPerCpu()).isEqualByComparingTo(new BigDecimal("2.5"));
    assertThat(config.gracePeriodMarginSeconds()).isEqualTo(3);
    assertThat(config.platformNamespaces()).containsExactly("data");
    assertThat(config.productionEnvironments()).containsExactly("live");
  }

  @Test
  void productionEnvironmentsMustBeAListOfNames() {
    ManifestException e = failure("productionEnvironments: prd\n");

    assertThat(e.getMessage()).contains("'productionEnvironments' must be a list of strings");
    assertThat(e.position().line()).isEqualTo(1);
  }

  @Test
  void emptyFileMeansDefaults() throws Exception {
    assertThat(read("# nothing yet\n")).isEqualTo(CheckConfig.defaults());
  }

  @Test
  void rejectsUnknownFieldWithPositionAndSuggestion() {
    ManifestException e = failure("profile: strict\ndisabledRule: [memory-limit]\n");

    assertThat(e.located())
        .contains("check.yaml:2:1")
        .contains("unknown field 'disabledRule', did you mean 'disabledRules'?");
  }

  @Test
  void rejectsUnknownRuleWithSuggestion() {
    ManifestException e = failure("severities:\n  livenes-probe: error\n");

    assertThat(e.located())
        .contains(":2:3")
        .contains("unknown rule 'livenes-probe', did you mean 'liveness-probe'?");
  }

  @Test
  void rejectsUnknownProfileAndSeverity() {
    assertThat(failure("profile: portible\n").getMessage()).contains("did you mean 'portable'?");
    assertThat(failure("severities: {memory-limit: fatal}\n").getMessage())
        .contains("severity 'fatal' is not one of error, warning, info");
  }

  @Test
  void rejectsBadRangeAtItsPosition() {
    ManifestException e = failure("nodePortRange: 32000-31000\n");

    assertThat(e.position().line()).isEqualTo(1);
    assertThat(e.position().column()).isEqualTo(16);
    assertThat(e.getMessage()).contains("the end is below the start");
  }

  @Test
  void findsConfigurationInAParentDirectory() throws Exception {
    Path config = dir.resolve(".minato/check.yaml");
    Files.createDirectories(config.getParent());
    Files.writeString(config, "profile: strict\n");
    Path nested = Files.createDirectories(dir.resolve("a/b"));

    assertThat(CheckConfigReader.find(nested)).contains(config.toAbsolutePath());
  }

  @Test
  void profilesDecideWhichRulesRun() throws Exception {
    String yaml =
        dev.minato.check.Fixture.WEB.replace(", minato.dev/migration-policy: duplicate-ok", "");
    CheckConfig disabled = read("profile: portable\ndisabledRules: [migration-policy]\n");
    CheckConfig raised = read("profile: portable\nseverities: {migration-policy: error}\n");

    assertThat(dev.minato.check.Fixture.check(yaml, disabled).findings()).isEmpty();
    assertThat(dev.minato.check.Fixture.check(yaml, raised).findings())
        .singleElement()
        .satisfies(f -> assertThat(f.severity()).isEqualTo(Severity.ERROR));
    assertThatThrownBy(() -> read("maxWorkersPerCpu: -1\n"))
        .hasMessageContaining("positive number");
  }
}
