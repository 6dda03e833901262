package dev.minato.render.collector;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.minato.edge.nodeport.Platform;
import dev.minato.manifest.YamlWriter;
import dev.minato.render.Examples;
import dev.minato.render.TypedModel;
import dev.minato.spec.App;
import dev.minato.spec.PlatformLogging;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The collector rendered from the examples: pinned byte for byte per output kind (regenerate with
 * {@code -Dminato.golden.update=true} and review the diff), valid by fabric8's typed model.
 */
class CollectorTest {

  private static final Path GOLDEN = Path.of("src", "test", "resources", "golden", "collector");

  private static final Map<String, PlatformLogging.Output> OUTPUTS =
      Map.of(
          "loki",
          new PlatformLogging.Loki("loki.logging.svc", 3100, Map.of("cluster", "prod")),
          "elasticsearch",
          new PlatformLogging.Elasticsearch("es.logging.svc", 9200, "logs"));

  private static PlatformLogging platform(String output) throws Exception {
    PlatformLogging examples =
        Platform.read(Examples.directory().resolve(Platform.FILE_NAME)).logging().orElseThrow();
    return output.equals("cloudwatch")
        ? examples
        : new PlatformLogging(
            examples.namespace(), examples.image(), examples.rules(), OUTPUTS.get(output));
  }

  private static List<ObjectNode> render(String output) throws Exception {
    return Collector.render(
            Examples.load(), Optional.empty(), platform(output), Examples.directory())
        .objects();
  }

  @ParameterizedTest
  @ValueSource(strings = {"cloudwatch", "loki", "elasticsearch"})
  void theExamplesCollectorIsPinned(String output) throws Exception {
    String rendered = YamlWriter.writeAll(render(output));
    Path golden = GOLDEN.resolve(output + ".yaml");
    if (Boolean.getBoolean("minato.golden.update")) {
      Files.writeString(golden, rendered, StandardCharsets.UTF_8);
    }

    assertThat(rendered).isEqualTo(Files.readString(golden, StandardCharsets.UTF_8));
  }

  @ParameterizedTest
  @ValueSource(strings = {"cloudwatch", "loki", "elasticsearch"})
  void everyObjectIsValidByTheTypedModel(String output) throws Exception {
    for (ObjectNode object : render(output)) {
      TypedModel.assertParsesWithoutUnknownFields(object);
    }
  }

  @Test
  void theServiceAccountMayOnlyReadPodsAndNamespaces() throws Exception {
    ObjectNode role = kind(render("cloudwatch"), "ClusterRole");

    assertThat(role.path("rules")).hasSize(1);
    JsonNode rule = role.path("rules").get(0);
    assertThat(texts(rule.path("apiGroups"))).containsExactly("");
    assertThat(texts(rule.path("resources"))).containsExactly("namespaces", "pods");
    assertThat(texts(rule.path("verbs"))).containsExactly("get", "list", "watch");
  }

  @Test
  void theDaemonSetRunsOnEveryNodeLockedDownButForReadingLogsAsRoot() throws Exception {
    ObjectNode daemonSet = kind(render("cloudwatch"), "DaemonSet");
    JsonNode pod = daemonSet.path("spec").path("template").path("spec");
    JsonNode container = pod.path("containers").get(0);

    assertThat(pod.path("tolerations").get(0).path("operator").asText()).isEqualTo("Exists");
    assertThat(container.path("securityContext").path("readOnlyRootFilesystem").asBoolean())
        .isTrue();
    assertThat(container.path("securityContext").path("allowPrivilegeEscalation").asBoolean())
        .isFalse();
    assertThat(texts(container.path("securityContext").path("capabilities").path("drop")))
        .containsExactly("ALL");
    assertThat(container.path("volumeMounts").findValuesAsText("mountPath")).contains("/var/log");
    assertThat(
            StreamSupport.stream(container.path("volumeMounts").spliterator(), false)
                .filter(m -> m.path("mountPath").asText().equals("/var/log"))
                .allMatch(m -> m.path("readOnly").asBoolean()))
        .isTrue();
    assertThat(container.path("resources").path("limits").path("memory").asText())
        .isEqualTo("256Mi");
  }

  @Test
  void theDaemonSetReadsTheConfigMapItShipsWith() throws Exception {
    List<ObjectNode> objects = render("cloudwatch");
    String configMap = kind(objects, "ConfigMap").path("metadata").path("name").asText();

    assertThat(kind(objects, "DaemonSet").findValuesAsText("name")).contains(configMap);
  }

  @Test
  void aChangedConfigurationGetsANewConfigMapName() throws Exception {
    List<App> apps = Examples.load();
    PlatformLogging platform = platform("cloudwatch");
    PlatformLogging elsewhere =
        new PlatformLogging(
            platform.namespace(),
            platform.image(),
            Optional.empty(),
            new PlatformLogging.CloudWatch("us-east-1", "/minato"));

    String first =
        configMapName(
            Collector.render(apps, Optional.empty(), platform, Examples.directory()).objects());
    String second =
        configMapName(
            Collector.render(apps, Optional.empty(), elsewhere, Examples.directory()).objects());

    assertThat(first).startsWith("fluent-bit-config-").isNotEqualTo(second);
  }

  @Test
  void onlyAppsWithLogsAreRoutedAndTheRestGoToTheCatchAll() throws Exception {
    String conf = fluentBitConf(render("cloudwatch"));

    assertThat(conf)
        .contains("^(shop-api)$ minato.shop-api.app false")
        .contains("^(legacy-web)$ minato.legacy-web.access false")
        .doesNotContain("^(search-api)$")
        .contains("log_group_name      /minato/legacy-web/access")
        .contains("log_group_template  /minato/other/$kubernetes['namespace_name']");
  }

  @Test
  void eachAppIsParsedByItsDeclaredFormat() throws Exception {
    String conf = fluentBitConf(render("cloudwatch"));

    assertThat(section(conf, "Match        minato.legacy-web.access")).contains("minato-nginx");
    assertThat(section(conf, "Match        minato.order-worker.orders")).contains("minato-ltsv");
    assertThat(section(conf, "Match        minato.shop-api.app")).contains("minato-json");
  }

  @Test
  void masksWithThePlatformRulesEverywhereAndAnAppsOwnRulesOnItsRecords() throws Exception {
    List<ObjectNode> objects = render("cloudwatch");
    String conf = fluentBitConf(objects);
    JsonNode data = kind(objects, "ConfigMap").path("data");

    assertThat(section(conf, "script /fluent-bit/etc/minato/mask-platform.lua"))
        .contains("Match  *");
    assertThat(section(conf, "script /fluent-bit/etc/minato/mask-order-worker.lua"))
        .contains("Match  minato.order-worker.orders");
    assertThat(conf.indexOf("mask-platform.lua")).isLessThan(conf.indexOf("[OUTPUT]"));
    assertThat(data.path("mask-platform.lua").asText()).contains("function minato_mask");
    assertThat(data.path("mask-order-worker.lua").asText()).contains("\"iban\"");
  }

  @Test
  void aRuleFluentBitCannotApplyIsAWarningNamingIt() throws Exception {
    List<String> warnings =
        Collector.render(
                Examples.load(), Optional.empty(), platform("cloudwatch"), Examples.directory())
            .warnings();

    assertThat(warnings)
        .singleElement()
        .asString()
        .startsWith("rule 'emails' at ")
        .contains("pseudonym needs the HMAC key")
        .endsWith("Fluent Bit does not apply it");
  }

  private static String section(String conf, String line) {
    int at = conf.indexOf(line);
    assertThat(at).as(line).isNotNegative();
    int start = conf.lastIndexOf('[', at);
    int end = conf.indexOf("\n\n", at);
    return conf.substring(start, end < 0 ? conf.length() : end);
  }

  private static String fluentBitConf(List<ObjectNode> objects) {
    return kind(objects, "ConfigMap").path("data").path(CollectorConfig.MAIN_FILE).asText();
  }

  private static String configMapName(List<ObjectNode> objects) {
    return kind(objects, "ConfigMap").path("metadata").path("name").asText();
  }

  private static ObjectNode kind(List<ObjectNode> objects, String kind) {
    return objects.stream()
        .filter(o -> o.path("kind").asText().equals(kind))
        .findFirst()
        .orElseThrow();
  }

  private static List<String> texts(JsonNode array) {
    return StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
  }
}
