package dev.minato.cli.collector;

import static org.assertj.core.api.Assertions.assertThat;

import dev.minato.cli.CliRun;
import dev.minato.cli.ExitCodes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CollectorCommandTest {

  private static final Path EXAMPLES = Path.of("..", "examples");

  /** Runs the collector over the examples with this platform file; the output is dir/collector. */
  private static CliRun withPlatform(Path dir, String platform) throws Exception {
    Path file = Files.writeString(dir.resolve("platform.yaml"), platform);
    return CliRun.of(
        "collector",
        "-f",
        EXAMPLES.toString(),
        "--platform",
        file.toString(),
        "-o",
        dir.resolve("collector").toString());
  }

  @Test
  void theExamplesCollectorPassesCheckWithoutFindings(@TempDir Path dir) {
    Path out = dir.resolve("collector");

    CliRun run = CliRun.of("collector", "-f", EXAMPLES.toString(), "-o", out.toString());
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).contains("6 objects, 3 of 10 apps routed by spec.logs");
    assertThat(run.err())
        .contains("warning: rule 'emails' at ")
        .contains("Fluent Bit does not apply it");

    CliRun check = CliRun.of("check", out.resolve("collector.yaml").toString());
    assertThat(check.exitCode()).as(check.out()).isZero();
    assertThat(check.out()).contains("0 errors, 0 warnings, 0 info in 6 objects");
  }

  @Test
  void aPlatformWithoutLoggingIsRefusedAndNothingIsWritten(@TempDir Path dir) throws Exception {
    CliRun run = withPlatform(dir, "apiVersion: minato.dev/v1\nkind: Platform\n");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(run.err()).contains("has no logging section");
    assertThat(dir.resolve("collector")).doesNotExist();
  }

  @Test
  void aBadOutputIsRefusedAtItsPosition(@TempDir Path dir) throws Exception {
    CliRun run =
        withPlatform(
            dir,
            "apiVersion: minato.dev/v1\nkind: Platform\nlogging:\n  output:\n"
                + "    cloudwatch: {region: europe}\n");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(run.err())
        .contains("platform.yaml:5:26")
        .contains("logging.output.cloudwatch.region: 'europe' is not an AWS region");
    assertThat(dir.resolve("collector")).doesNotExist();
  }

  @Test
  void aMissingPlatformRulesetIsRefusedAndNothingIsWritten(@TempDir Path dir) throws Exception {
    CliRun run =
        withPlatform(
            dir,
            "apiVersion: minato.dev/v1\nkind: Platform\nlogging:\n  rules: .minato/logs.yaml\n"
                + "  output: {loki: {host: loki}}\n");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(run.err()).contains("the masking ruleset of the platform does not exist");
    assertThat(dir.resolve("collector")).doesNotExist();
  }

  @Test
  void twoOutputsAreRefused(@TempDir Path dir) throws Exception {
    CliRun run =
        withPlatform(
            dir,
            "apiVersion: minato.dev/v1\nkind: Platform\nlogging:\n  output:\n"
                + "    loki: {host: loki}\n    elasticsearch: {host: es}\n");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(run.err()).contains("name exactly one output of cloudwatch, loki, elasticsearch");
  }

  @Test
  void aDirectoryNotWrittenByTheCollectorIsNeverReplaced(@TempDir Path dir) throws Exception {
    Path out = Files.createDirectories(dir.resolve("precious"));
    Files.writeString(out.resolve("notes.txt"), "mine");

    CliRun run = CliRun.of("collector", "-f", EXAMPLES.toString(), "-o", out.toString());

    assertThat(run.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(run.err()).contains("was not written by minato collector");
    assertThat(out.resolve("notes.txt")).hasContent("mine");
    assertThat(out.resolve("collector.yaml")).doesNotExist();
  }

  /** Two apps: 'ledger' streams 'audit' but 'ledger-debug' in dev; 'reports' runs in prd only. */
  private static Path appsOverridingLogs(Path dir) throws Exception {
    Path apps = Files.createDirectories(dir.resolve("apps"));
    Files.writeString(
        apps.resolve("ledger.minato.yaml"),
        """
        apiVersion: minato.dev/v1
        kind: App
        metadata: {name: ledger}
        spec:
          image: registry.example.com/ledger:1.0.0
          runtime: go
          resources: {cpu: 100m, memory: 64Mi}
          logs: {format: ltsv, stream: audit}
        environments:
          dev:
            logs: {format: json, stream: ledger-debug}
          prd: {}
        """);
    Files.writeString(
        apps.resolve("reports.minato.yaml"),
        """
        apiVersion: minato.dev/v1
        kind: App
        metadata: {name: reports}
        spec:
          image: registry.example.com/reports:1.0.0
          runtime: go
          resources: {cpu: 100m, memory: 64Mi}
          logs: {format: json}
        environments:
          prd: {}
        """);
    Files.writeString(
        dir.resolve("platform.yaml"),
        "apiVersion: minato.dev/v1\nkind: Platform\nlogging:\n  output: {loki: {host: loki}}\n");
    return apps;
  }

  private static CliRun collector(Path dir, String... more) throws Exception {
    List<String> args = new ArrayList<>(List.of("collector", "-f", dir.resolve("apps").toString()));
    args.addAll(List.of("--platform", dir.resolve("platform.yaml").toString()));
    args.addAll(List.of("-o", dir.resolve("collector").toString()));
    args.addAll(List.of(more));
    return CliRun.of(args.toArray(String[]::new));
  }

  @Test
  void anEnvironmentsOverrideOfLogsRefusesACollectorWithoutEnv(@TempDir Path dir) throws Exception {
    appsOverridingLogs(dir);

    CliRun run = collector(dir);

    assertThat(run.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(run.err())
        .contains("app 'ledger' overrides spec.logs in environment dev")
        .contains("--env dev");
    assertThat(dir.resolve("collector")).doesNotExist();
  }

  @Test
  void withEnvEachAppIsParsedAndRoutedByThatEnvironmentsLogs(@TempDir Path dir) throws Exception {
    appsOverridingLogs(dir);

    CliRun run = collector(dir, "--env", "dev");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).contains("1 of 2 apps routed by spec.logs");
    String config = Files.readString(dir.resolve("collector").resolve("collector.yaml"));
    assertThat(config)
        .contains("minato.ledger.ledger-debug")
        .contains("minato-json")
        .doesNotContain("minato.ledger.audit")
        .doesNotContain("minato.reports.");
  }

  @Test
  void withEnvAnAppWithoutThatEnvironmentIsLeftOutAndTheBaseCountsWhereNotOverridden(
      @TempDir Path dir) throws Exception {
    appsOverridingLogs(dir);

    CliRun run = collector(dir, "--env", "prd");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).contains("2 of 2 apps routed by spec.logs");
    String config = Files.readString(dir.resolve("collector").resolve("collector.yaml"));
    assertThat(config)
        .contains("minato.ledger.audit")
        .contains("minato.reports.")
        .doesNotContain("ledger-debug");
  }

  @Test
  void anEnvNoAppHasIsRefusedNamingTheKnownOnes(@TempDir Path dir) throws Exception {
    appsOverridingLogs(dir);

    CliRun run = collector(dir, "--env", "prod");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(run.err()).contains("no app has an environment 'prod'").contains("[dev, prd]");
    assertThat(dir.resolve("collector")).doesNotExist();
  }
}
