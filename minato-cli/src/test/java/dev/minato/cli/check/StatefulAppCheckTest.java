package dev.minato.cli.check;

import static org.assertj.core.api.Assertions.assertThat;

import dev.minato.cli.CliRun;
import dev.minato.cli.ExitCodes;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The portable profile keeps reporting state on the cluster's disks in what generate writes for a
 * stateful app, unless the spec states why with a suppression; the default profile does not ask.
 */
class StatefulAppCheckTest {

  private static final String STATEFUL =
      "apiVersion: minato.dev/v1\nkind: App\nmetadata: {name: ledger}\n"
          + "spec:\n  image: ledger:1.0.0\n  type: stateful\n  port: 8080\n"
          + "  resources: {cpu: 500m, memory: 512Mi}\n"
          + "  volumes: {data: {mountPath: /data, volumeClaimTemplate: {size: 5Gi}}}\n"
          // A serving app is scraped, or metrics-scraped warns; that rule is not under test here.
          + "  metrics: {path: /metrics}\n";

  private static CliRun generateAndCheck(Path dir, String spec, String profile) throws Exception {
    Path file = dir.resolve("ledger/minato.yaml");
    Files.createDirectories(file.getParent());
    Files.writeString(file, spec);
    Path out = dir.resolve("out");
    CliRun generated =
        CliRun.of("generate", "--flat", "-q", "-f", file.toString(), "-o", out.toString());
    assertThat(generated.exitCode()).as(generated.err()).isZero();
    Path config = dir.resolve("check.yaml");
    Files.writeString(config, "profile: " + profile + "\n");
    return CliRun.of("check", out.toString(), "--config", config.toString(), "--fail-on", "info");
  }

  @Test
  void thePortableProfileReportsAGeneratedStatefulSet(@TempDir Path dir) throws Exception {
    CliRun run = generateAndCheck(dir, STATEFUL, "portable");

    assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(ExitCodes.CHECK_FAILED);
    assertThat(run.out())
        .contains("no-stateful-workloads")
        .contains("StatefulSet/ledger keeps state on the cluster's disks")
        .contains("1 error, 0 warnings, 0 info");
  }

  @Test
  void aStatedReasonSuppressesItAndNothingElseIsReported(@TempDir Path dir) throws Exception {
    String suppressed =
        STATEFUL
            + "  annotations: {ignore.minato.dev/no-stateful-workloads: \"rebuilt from events\"}\n";

    CliRun strict = generateAndCheck(dir, suppressed, "strict");

    assertThat(strict.exitCode()).as(strict.out() + strict.err()).isZero();
    assertThat(strict.out()).contains("0 errors, 0 warnings, 0 info").contains("1 suppressed");
  }

  @Test
  void theDefaultProfileDoesNotAskAboutState(@TempDir Path dir) throws Exception {
    CliRun run = generateAndCheck(dir, STATEFUL, "default");

    assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
  }
}
