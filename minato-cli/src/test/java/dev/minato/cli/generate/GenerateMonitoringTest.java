package dev.minato.cli.generate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.minato.cli.CliRun;
import dev.minato.cli.ExitCodes;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * platform.yaml's monitoring section as generate reads it: Grafana dashboards for the sidecar's
 * label by default, Datadog annotations instead of Prometheus objects, and its mistakes refused.
 */
class GenerateMonitoringTest {

  private static final String SPEC =
      "apiVersion: minato.dev/v1\nkind: App\nmetadata: {name: shop}\n"
          + "spec:\n  image: shop:1\n  port: 8080\n  resources: {cpu: 1, memory: 1Gi}\n"
          + "  metrics: {port: 9090, serviceMonitor: true}\n"
          + "environments:\n  prd: {}\n";

  private static Path repository(Path dir, String platform) throws Exception {
    Files.createDirectories(dir.resolve("shop"));
    Files.writeString(dir.resolve("shop/minato.yaml"), SPEC);
    Files.createDirectories(dir.resolve(".git"));
    if (!platform.isEmpty()) {
      Files.writeString(
          dir.resolve("platform.yaml"), "apiVersion: minato.dev/v1\nkind: Platform\n" + platform);
    }
    return dir;
  }

  /** Generates the repository flat into {@code dir/flat}; exit code 0 asserted. */
  private static Path generateFlat(Path dir, String platform) throws Exception {
    Path out = dir.resolve("flat");
    CliRun run =
        CliRun.of(
            "generate", "--flat", "-f", repository(dir, platform).toString(), "-o", out.toString());
    assertThat(run.exitCode()).as(run.err()).isZero();
    return out;
  }

  @Test
  void byDefaultEachAppHasADashboardAndTheOutputAnOverview(@TempDir Path dir) throws Exception {
    Path out = generateFlat(dir, "");

    String prd = Files.readString(out.resolve("shop/prd.yaml"));
    assertThat(prd)
        .contains("name: shop-dashboard", "grafana_dashboard: \"1\"", "kind: ServiceMonitor");
    assertThat(Files.readString(out.resolve("grafana-overview.yaml")))
        .contains("minato.overview.json", "\"title\": \"shop\"");
  }

  @Test
  void datadogAnnotatesThePodsInsteadOfRenderingPrometheusObjects(@TempDir Path dir)
      throws Exception {
    Path out = generateFlat(dir, "monitoring: {backend: datadog}\n");

    String prd = Files.readString(out.resolve("shop/prd.yaml"));
    assertThat(prd)
        .contains("ad.datadoghq.com/shop.checks:", "http://%%host%%:9090/metrics")
        .doesNotContain("kind: ServiceMonitor", "prometheus.io/scrape", "shop-dashboard");
    assertThat(out.resolve("grafana-overview.yaml")).doesNotExist();
  }

  @Test
  void aMistakeInTheMonitoringSectionIsExitTwoAndNothingWritten(@TempDir Path dir)
      throws Exception {
    Path out = dir.resolve("manifests");

    CliRun run =
        CliRun.of(
            "generate",
            "-f",
            repository(dir, "monitoring:\n  backend: datadgo\n").toString(),
            "-o",
            out.toString());

    assertThat(run.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(run.err())
        .contains("platform.yaml:4:12: monitoring.backend")
        .contains("did you mean 'datadog'?");
    assertThat(out).doesNotExist();
  }
}
