package dev.minato.spec.read;

import static org.assertj.core.api.Assertions.assertThat;

import dev.minato.spec.App;
import dev.minato.spec.MetricConvention;
import dev.minato.spec.Monitoring;
import dev.minato.spec.Slo;
import dev.minato.spec.SloIndicator;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class SpecReaderSlosTest {

  private static final String HEADER = SpecReaderDefaultsTest.HEADER;

  private static String spec(String runtime, String metrics, String slos) {
    return "spec:\n"
        + "  image: shop:1.0\n"
        + "  runtime: "
        + runtime
        + "\n"
        + "  port: 8080\n"
        + "  resources: {cpu: 500m, memory: 256Mi}\n"
        + metrics
        + "  slos:\n"
        + slos;
  }

  private static List<String> errors(String body) {
    return SpecReaderErrorsTest.errors(HEADER + body);
  }

  @Test
  void anAvailabilitySloReadsTheRuntimesConventionWithA30DayWindow() throws Exception {
    App app =
        SpecReaderDefaultsTest.read(
            spec(
                "go",
                "  metrics: {}\n",
                "    - {name: availability, objective: 99.9, availability: {}}\n"));
    Slo slo = app.spec().slos().get(0);
    assertThat(slo.window()).isEqualTo(Duration.ofDays(30));
    assertThat(slo.windowSpelling()).isEqualTo("30d");
    assertThat(slo.budgetRatio()).isEqualByComparingTo("0.001");
    assertThat(slo.alerting().page()).isTrue();
    assertThat(slo.alerting().ticket()).isTrue();
    SloIndicator.Requests requests = (SloIndicator.Requests) slo.indicator();
    assertThat(requests.metrics().convention()).isEqualTo(MetricConvention.GO);
    assertThat(requests.metrics().requestsMetric()).contains("http_requests_total");
    assertThat(requests.metrics().statusLabel()).isEqualTo("code");
    assertThat(requests.metrics().selector()).isEqualTo("job=\"shop\"");
    assertThat(app.spec().monitoring()).isEqualTo(Monitoring.DEFAULT);
  }

  @Test
  void aLatencyThresholdOnADeclaredBucketIsReadInSeconds() throws Exception {
    App app =
        SpecReaderDefaultsTest.read(
            spec(
                "java",
                "  metrics: {serviceMonitor: true, buckets: [100ms, 300ms, 1s]}\n",
                "    - {name: fast, objective: 99, window: 28d, latency: {threshold: 300ms},"
                    + " alerting: {page: false, minRequests: 50}}\n"));
    Slo slo = app.spec().slos().get(0);
    SloIndicator.Latency latency = (SloIndicator.Latency) slo.indicator();
    assertThat(latency.thresholdSeconds()).isEqualByComparingTo(new BigDecimal("0.3"));
    assertThat(latency.metrics().histogram()).contains("http_server_requests_seconds");
    assertThat(latency.metrics().selector()).isEqualTo("job=\"shop-internal\"");
    assertThat(slo.alerting().page()).isFalse();
    assertThat(slo.alerting().minRequests()).isEqualTo(50);
  }

  @Test
  void anObjectiveOf100LeavesNoBudgetAndIsRefusedAtItsValue() {
    assertThat(
            errors(
                spec(
                    "go",
                    "  metrics: {}\n",
                    "    - {name: availability, objective: 100, availability: {}}\n")))
        .containsExactly(
            "minato.yaml:12:39: spec.slos[0].objective: expected a percentage strictly between 0"
                + " and 100, found 100; 100 leaves no error budget to alert on, e.g. 99.9 allows"
                + " 0.1 % of requests to fail");
  }

  @Test
  void anObjectiveOfZeroOrLessIsRefused() {
    assertThat(
            errors(
                spec(
                    "go",
                    "  metrics: {}\n",
                    "    - {name: availability, objective: 0, availability: {}}\n")))
        .singleElement()
        .asString()
        .contains("spec.slos[0].objective: expected a percentage strictly between 0 and 100");
  }

  @Test
  void anUnknownConventionIsRefusedWithADidYouMean() {
    assertThat(
            errors(
                spec(
                    "java",
                    "  metrics: {convention: micrometr}\n",
                    "    - {name: availability, objective: 99.9, availability: {}}\n")))
        .singleElement()
        .asString()
        .startsWith("minato.yaml:10:25: spec.metrics.convention: expected one of micrometer, go,")
        .endsWith("found 'micrometr', did you mean 'micrometer'?");
  }

  @Test
  void aLatencyThresholdBetweenBucketsNamesTheBoundariesAndTheNearest() {
    assertThat(
            errors(
                spec(
                    "go",
                    "  metrics: {}\n",
                    "    - {name: fast, objective: 99, latency: {threshold: 200ms}}\n")))
        .containsExactly(
            "minato.yaml:12:56: spec.slos[0].latency.threshold: '200ms' is not a bucket boundary"
                + " of http_request_duration_seconds; the boundaries are 5ms, 10ms, 25ms, 50ms,"
                + " 100ms, 250ms, 500ms, 1s, 2.5s, 5s, 10s; did you mean 250ms?");
  }

  @Test
  void aLatencySloOnAConventionWithoutDefaultBucketsAsksForThem() {
    assertThat(
            errors(
                spec(
                    "java",
                    "  metrics: {}\n",
                    "    - {name: fast, objective: 99, latency: {threshold: 300ms}}\n")))
        .singleElement()
        .asString()
        .contains("publishes no buckets unless configured; declare them in spec.metrics.buckets");
  }

  @Test
  void thePhpFpmExporterCountsNoRequests() {
    assertThat(
            errors(
                spec(
                    "php",
                    "  metrics: {}\n",
                    "    - {name: availability, objective: 99, availability: {}}\n")))
        .singleElement()
        .asString()
        .contains("the php-fpm convention counts no requests");
  }

  @Test
  void expressionsNeedTheWindowPlaceholder() {
    assertThat(
            errors(
                spec(
                    "go",
                    "",
                    "    - name: availability\n"
                        + "      objective: 99\n"
                        + "      availability:\n"
                        + "        good: sum(rate(ok_total[5m]))\n"
                        + "        total: sum(rate(all_total[$window]))\n")))
        .singleElement()
        .asString()
        .startsWith(
            "minato.yaml:14:15: spec.slos[0].availability.good: the expression needs $window");
  }

  @Test
  void aWindowShorterThanTheSlowestAlertOrInGoSyntaxIsRefused() {
    assertThat(
            errors(
                spec(
                    "go",
                    "  metrics: {}\n",
                    "    - {name: a, objective: 99, window: 1d, availability: {}}\n"
                        + "    - {name: b, objective: 99, window: 1.5d, availability: {}}\n")))
        .satisfiesExactly(
            a -> assertThat(a).contains("spec.slos[0].window: a window of at least 3d"),
            b ->
                assertThat(b).contains("spec.slos[1].window: '1.5d' is not a Prometheus duration"));
  }

  @Test
  void anSloFromRequestMetricsNeedsSpecMetrics() {
    assertThat(errors(spec("go", "", "    - {name: a, objective: 99, availability: {}}\n")))
        .singleElement()
        .asString()
        .contains(
            "spec.slos[0].availability: an SLO from the app's request metrics needs spec.metrics");
  }
}
