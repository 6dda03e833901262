package dev.minato.render.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.minato.manifest.Document;
import dev.minato.manifest.YamlReader;
import dev.minato.render.Examples;
import dev.minato.render.layout.Layout;
import dev.minato.spec.App;
import dev.minato.spec.PlatformMonitoring;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dashboards generate writes are valid Grafana JSON of the current classic schema, every PromQL
 * expression in them parses (by the real promtool), panel ids are unique, and the error budget is
 * read from exactly the SLO recording rules.
 */
class DashboardsTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static final Pattern LABEL_VALUES = Pattern.compile("label_values\\((.+), \\w+\\)");

  private static final AppDashboard WITH_BUDGETS =
      new AppDashboard(
          "shop-api",
          "deployment",
          Optional.of(RequestMetrics.conventional("shop-api")),
          List.of(new ErrorBudget("availability", "30d"), new ErrorBudget("latency", "7d")));

  /** Every dashboard the examples generate, parsed from the data of its ConfigMap. */
  private static List<JsonNode> exampleDashboards() throws Exception {
    List<App> apps = Examples.load();
    List<JsonNode> dashboards = new ArrayList<>();
    for (Map.Entry<String, String> file :
        Layout.FLAT.write(apps, PlatformMonitoring.defaults()).files().entrySet()) {
      for (Document document : YamlReader.read(file.getKey(), file.getValue())) {
        JsonNode object = document.root();
        if (object.path("metadata").path("labels").path("grafana_dashboard").asText().equals("1")) {
          for (JsonNode data : object.path("data")) {
            dashboards.add(JSON.readTree(data.asText()));
          }
        }
      }
    }
    return dashboards;
  }

  private static List<String> expressions(JsonNode dashboard) {
    List<String> exprs = new ArrayList<>();
    dashboard
        .path("panels")
        .forEach(p -> p.path("targets").forEach(t -> exprs.add(t.path("expr").asText())));
    // A variable's label_values(selector, label) is Grafana's; the selector inside is PromQL.
    for (JsonNode variable : dashboard.path("templating").path("list")) {
      Matcher call = LABEL_VALUES.matcher(variable.path("query").path("query").asText(""));
      if (call.matches()) {
        exprs.add(call.group(1));
      }
    }
    return exprs;
  }

  @Test
  void everyExampleAppWithAWorkloadHasADashboardAndTheOverviewListsThemAll() throws Exception {
    List<JsonNode> dashboards = exampleDashboards();
    List<String> uids = dashboards.stream().map(d -> d.path("uid").asText()).toList();

    // Every example but the batch-only nightly-report, each environment's copy identical.
    assertThat(new HashSet<>(uids))
        .contains(
            "minato-shop-api", "minato-search-index", "minato-order-worker", "minato-overview")
        .doesNotContain("minato-nightly-report");
    JsonNode overview =
        dashboards.stream()
            .filter(d -> d.path("uid").asText().equals("minato-overview"))
            .findFirst()
            .orElseThrow();
    List<String> rows = new ArrayList<>();
    overview
        .path("panels")
        .forEach(
            p -> {
              if (p.path("type").asText().equals("row")) {
                rows.add(p.path("title").asText());
              }
            });
    assertThat(rows)
        .isSorted()
        .contains("greeter-grpc", "shop-api")
        .doesNotContain("nightly-report");
    assertThat(rows).hasSize(new HashSet<>(uids).size() - 1);
  }

  @Test
  void dashboardsUseTheCurrentClassicSchemaAndUniquePanelIds() throws Exception {
    List<JsonNode> dashboards = new ArrayList<>(exampleDashboards());
    dashboards.add(JSON.readTree(DashboardJson.write(WITH_BUDGETS.json())));
    for (JsonNode dashboard : dashboards) {
      assertThat(dashboard.path("schemaVersion").asInt()).isEqualTo(42);
      assertThat(dashboard.path("uid").asText()).hasSizeLessThanOrEqualTo(40);
      Set<Integer> ids = new HashSet<>();
      dashboard
          .path("panels")
          .forEach(
              p ->
                  assertThat(ids.add(p.path("id").asInt()))
                      .as(dashboard.path("uid").asText())
                      .isTrue());
      assertThat(ids).doesNotContain(0);
      dashboard
          .path("panels")
          .forEach(
              p -> {
                JsonNode grid = p.path("gridPos");
                assertThat(grid.path("x").asInt() + grid.path("w").asInt()).isLessThanOrEqualTo(24);
              });
    }
  }

  @Test
  void everyPanelQueryParsesAsPromQl(@TempDir Path dir) throws Exception {
    List<String> exprs = new ArrayList<>();
    for (JsonNode dashboard : exampleDashboards()) {
      exprs.addAll(expressions(dashboard));
    }
    exprs.addAll(expressions(WITH_BUDGETS.json()));
    assertThat(exprs).hasSizeGreaterThan(100);

    Promtool.Verdict verdict = Promtool.check(exprs, dir);

    assertThat(verdict.accepted()).as(verdict.output()).isTrue();
  }

  @Test
  void theParseCheckRejectsABrokenExpression(@TempDir Path dir) throws Exception {
    Promtool.Verdict verdict =
        Promtool.check(List.of("sum(rate(http_requests_total{job=\"a\"}[$__rate_interval])"), dir);

    assertThat(verdict.accepted()).isFalse();
  }

  @Test
  void theErrorBudgetIsReadFromTheSloRecordingRules() throws Exception {
    List<String> budgetExprs =
        expressions(WITH_BUDGETS.json()).stream().filter(e -> e.contains("slo:")).toList();

    assertThat(budgetExprs)
        .containsExactly(
            "1 - max(slo:sli_error:ratio_rate30d{app=\"shop-api\", slo=\"availability\"})"
                + " / (1 - max(slo:objective:ratio{app=\"shop-api\", slo=\"availability\"}))",
            "1 - max(slo:sli_error:ratio_rate7d{app=\"shop-api\", slo=\"latency\"})"
                + " / (1 - max(slo:objective:ratio{app=\"shop-api\", slo=\"latency\"}))");
  }

  @Test
  void withoutSlosThereIsNoErrorBudgetRow() {
    AppDashboard plain = new AppDashboard("shop-api", "deployment", Optional.empty(), List.of());

    List<String> titles = new ArrayList<>();
    plain.json().path("panels").forEach(p -> titles.add(p.path("title").asText()));

    assertThat(titles)
        .doesNotContain("Error budget", "Requests")
        .contains("Saturation", "Replicas");
  }

  @Test
  void theSameInputGivesTheSameBytes() {
    assertThat(DashboardJson.write(WITH_BUDGETS.json()))
        .isEqualTo(DashboardJson.write(WITH_BUDGETS.json()));
  }

  @Test
  void anErrorBudgetWindowMustBeARuleNameDuration() {
    assertThatThrownBy(() -> new ErrorBudget("availability", "30 days"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aUidTooLongForGrafanaIsShortenedStably() {
    String app = "a-very-long-application-name-that-goes-on-and-on";

    assertThat(AppDashboard.uid(app))
        .hasSize(40)
        .startsWith("minato-a-very")
        .isEqualTo(AppDashboard.uid(app));
    assertThat(AppDashboard.uid(app)).isNotEqualTo(AppDashboard.uid(app + "-2"));
  }
}
