package dev.minato.cli.generate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.minato.cli.CliRun;
import dev.minato.cli.ExitCodes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GenerateSlosTest {

  private static final String SPEC =
      "apiVersion: minato.dev/v1\nkind: App\nmetadata: {name: shop, team: checkout}\n"
          + "spec:\n  image: shop:1\n  runtime: go\n  port: 8080\n"
          + "  resources: {cpu: 1, memory: 1Gi}\n"
          + "  metrics: {serviceMonitor: true}\n"
          + "  slos:\n"
          + "    - {name: availability, objective: 99.9, availability: {}}\n";

  @Test
  void emitRuleTestsWritesTheRuleFileAndItsPromtoolTestsPerEnvironment(@TempDir Path dir)
      throws IOException {
    Path spec = dir.resolve("minato.yaml");
    Files.writeString(spec, SPEC);
    Path tests = dir.resolve("rule-tests");

    CliRun run =
        CliRun.of(
            "generate",
            "-f",
            spec.toString(),
            "-o",
            dir.resolve("m").toString(),
            "--emit-rule-tests",
            tests.toString());

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(Files.readString(tests.resolve("shop/default/rules.yaml")))
        .contains("record: slo:sli_error:ratio_rate30d")
        .contains("alert: ShopAvailabilityErrorBudgetBurn1h");
    assertThat(Files.readString(tests.resolve("shop/default/rules.1m.test.yaml")))
        .contains("rule_files:\n  - rules.yaml")
        .contains("evaluation_interval: 1m");
    assertThat(tests.resolve("shop/default/rules.5m.test.yaml")).exists();
    assertThat(tests.resolve("shop/default/rules.15m.test.yaml")).exists();
    assertThat(Files.readString(dir.resolve("m/shop/base/prometheusrule-shop.yaml")))
        .contains("slo:objective:ratio");
  }

  @Test
  void aBadSloExitsTwoAtItsPositionAndWritesNothing(@TempDir Path dir) throws IOException {
    Path spec = dir.resolve("minato.yaml");
    Files.writeString(spec, SPEC.replace("objective: 99.9", "objective: 100"));
    Path out = dir.resolve("m");
    Path tests = dir.resolve("rule-tests");

    CliRun run =
        CliRun.of(
            "generate",
            "-f",
            spec.toString(),
            "-o",
            out.toString(),
            "--emit-rule-tests",
            tests.toString());

    assertThat(run.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(run.err())
        .contains(spec + ":11:39: spec.slos[0].objective: expected a percentage strictly between")
        .contains("1 error in the specs; nothing was written");
    assertThat(out).doesNotExist();
    assertThat(tests).doesNotExist();
  }
}
