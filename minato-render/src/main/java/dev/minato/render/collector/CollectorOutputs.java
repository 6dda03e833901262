package dev.minato.render.collector;

import dev.minato.spec.PlatformLogging;
import java.util.stream.Collectors;

/** One Fluent Bit output per app and stream, and the catch-all for every other pod. */
final class CollectorOutputs {

  private static final String NAMESPACE = "$kubernetes['namespace_name']";
  private static final String POD_STREAM =
      NAMESPACE + ".$kubernetes['pod_name'].$kubernetes['container_name']";

  private CollectorOutputs() {}

  static FluentBitSection forApp(PlatformLogging.Output output, CollectedApp app) {
    FluentBitSection.Builder section = FluentBitSection.of("OUTPUT");
    if (output instanceof PlatformLogging.CloudWatch cloudWatch) {
      cloudWatch(section, cloudWatch, app.tag())
          .put(
              "log_group_name",
              cloudWatch.groupPrefix() + "/" + app.name() + "/" + app.logs().stream());
    } else if (output instanceof PlatformLogging.Loki loki) {
      StringBuilder labels =
          new StringBuilder("app=" + app.name() + ", stream=" + app.logs().stream());
      app.logs().labels().forEach((k, v) -> labels.append(", ").append(k).append('=').append(v));
      loki(section, loki, app.tag(), labels.toString());
    } else if (output instanceof PlatformLogging.Elasticsearch es) {
      elasticsearch(section, es, app.tag()).put("Index", es.indexPrefix() + "-" + app.name());
    }
    return section.build();
  }

  /** Pods of apps without {@code spec.logs} and of other software, split by namespace. */
  static FluentBitSection catchAll(PlatformLogging.Output output, String match) {
    FluentBitSection.Builder section = FluentBitSection.of("OUTPUT");
    if (output instanceof PlatformLogging.CloudWatch cloudWatch) {
      cloudWatch(section, cloudWatch, match)
          .put("log_group_name", cloudWatch.groupPrefix() + "/other")
          .put("log_group_template", cloudWatch.groupPrefix() + "/other/" + NAMESPACE);
    } else if (output instanceof PlatformLogging.Loki loki) {
      loki(section, loki, match, "stream=other");
    } else if (output instanceof PlatformLogging.Elasticsearch es) {
      elasticsearch(section, es, match).put("Index", es.indexPrefix() + "-other");
    }
    return section.build();
  }

  private static FluentBitSection.Builder cloudWatch(
      FluentBitSection.Builder section, PlatformLogging.CloudWatch cloudWatch, String match) {
    return section
        .put("Name", "cloudwatch_logs")
        .put("Match", match)
        .put("region", cloudWatch.region())
        .put("log_stream_prefix", "node-")
        .put("log_stream_template", POD_STREAM)
        .put("auto_create_group", "On");
  }

  private static void loki(
      FluentBitSection.Builder section, PlatformLogging.Loki loki, String match, String labels) {
    String platformLabels =
        loki.labels().entrySet().stream()
            .map(e -> ", " + e.getKey() + "=" + e.getValue())
            .collect(Collectors.joining());
    section
        .put("Name", "loki")
        .put("Match", match)
        .put("Host", loki.host())
        .put("Port", Integer.toString(loki.port()))
        .put("Labels", labels + platformLabels + ", namespace=" + NAMESPACE)
        .put("Line_Format", "json");
  }

  private static FluentBitSection.Builder elasticsearch(
      FluentBitSection.Builder section, PlatformLogging.Elasticsearch es, String match) {
    return section
        .put("Name", "es")
        .put("Match", match)
        .put("Host", es.host())
        .put("Port", Integer.toString(es.port()))
        .put("Suppress_Type_Name", "On")
        .put("Replace_Dots", "On");
  }
}
